using SecurityKit.Detection.Pii.Validation;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// IBANs of any country, written compact (<c>BE71096123456769</c>) or in groups of four (<c>BE71 0961 2345 6769</c>),
/// upper or lower case, validated by the country's registered length and ISO 7064 MOD 97-10.
/// </summary>
public sealed class IbanRecognizer : IPiiRecognizer
{
    /// <inheritdoc />
    public string Name => "iban";

    /// <inheritdoc />
    public void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Span<char> compact = stackalloc char[34];
        for (var i = 0; i + 4 <= text.Length; i++)
        {
            if (!char.IsAsciiLetter(text[i]) || !char.IsAsciiLetter(text[i + 1]) || !char.IsAsciiDigit(text[i + 2])
                || !char.IsAsciiDigit(text[i + 3]) || !TextScan.StartsToken(text, i))
            {
                continue;
            }

            Span<char> country = [char.ToUpperInvariant(text[i]), char.ToUpperInvariant(text[i + 1])];
            var length = IbanChecksum.LengthOf(country);
            if (length == 0)
            {
                continue;
            }

            var n = 0;
            var p = i;
            while (p < text.Length && n < length)
            {
                var c = text[p];
                if (char.IsAsciiLetterOrDigit(c))
                {
                    compact[n++] = char.ToUpperInvariant(c);
                    p++;
                }
                else if ((c is ' ' or '-' or '\u00A0') && p + 1 < text.Length && char.IsAsciiLetterOrDigit(text[p + 1]) && n % 4 == 0)
                {
                    // Separators only between groups of four (ISO 13616-1 §5.3 paper format).
                    p++;
                }
                else
                {
                    break;
                }
            }

            if (n == length && TextScan.EndsToken(text, p) && IbanChecksum.IsValid(compact[..n]))
            {
                results.Add(new PiiEntity(i, p, PiiEntityType.Iban, 0.99));
                i = p - 1;
            }
        }
    }
}
