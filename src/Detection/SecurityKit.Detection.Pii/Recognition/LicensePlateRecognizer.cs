namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// Belgian licence plates: the current European format <c>1-ABC-123</c> (since 2010; a leading digit, three letters,
/// three digits), and the older <c>ABC-123</c> (1973–2008) and <c>123-ABC</c> (2008–2010) which need a dash and are
/// scored low unless a vehicle word is near, because product and file codes share their shape.
/// </summary>
public sealed class LicensePlateRecognizer : IPiiRecognizer
{
    private static readonly string[] VehicleWords =
    [
        "plaque", "immatriculation", "immatriculé", "véhicule", "voiture", "nummerplaat", "kenteken", "nummerplaat",
        "voertuig", "wagen", "auto", "kennzeichen", "fahrzeug", "plate", "vehicle", "car", "registration", "plaat",
    ];

    /// <inheritdoc />
    public string Name => "licence-plate";

    /// <inheritdoc />
    public void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) || !TextScan.StartsToken(text, i))
            {
                continue;
            }

            if (TryCurrent(text, i, out var end))
            {
                results.Add(new PiiEntity(i, end, PiiEntityType.LicensePlate, 0.9));
                i = end;
            }
            else if (TryOld(text, i, out end))
            {
                var score = TextScan.HasWordBefore(text, i, 60, VehicleWords) ? 0.85 : 0.4;
                results.Add(new PiiEntity(i, end, PiiEntityType.LicensePlate, score));
                i = end;
            }
        }
    }

    private static bool TryCurrent(ReadOnlySpan<char> text, int i, out int end)
    {
        end = i;
        if (text[i] is < '1' or > '9')
        {
            return false;
        }

        var p = i + 1;
        var separator = p < text.Length ? text[p] : '\0';
        var separated = separator is '-' or ' ' or '.';
        if (separated)
        {
            p++;
        }

        if (!Letters(text, p, 3))
        {
            return false;
        }

        p += 3;
        if (separated)
        {
            if (p >= text.Length || text[p] != separator)
            {
                return false;
            }

            p++;
        }

        if (!DigitsAt(text, p, 3) || !TextScan.EndsToken(text, p + 3))
        {
            return false;
        }

        end = p + 3;
        return true;
    }

    private static bool TryOld(ReadOnlySpan<char> text, int i, out int end)
    {
        end = i + 7;
        if (end > text.Length || text[i + 3] != '-' || !TextScan.EndsToken(text, end))
        {
            return false;
        }

        return (Letters(text, i, 3) && DigitsAt(text, i + 4, 3)) || (DigitsAt(text, i, 3) && Letters(text, i + 4, 3));
    }

    private static bool Letters(ReadOnlySpan<char> text, int at, int count)
    {
        if (at + count > text.Length)
        {
            return false;
        }

        foreach (var c in text.Slice(at, count))
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool DigitsAt(ReadOnlySpan<char> text, int at, int count)
    {
        if (at + count > text.Length)
        {
            return false;
        }

        foreach (var c in text.Slice(at, count))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
