using System.Numerics;
using System.Runtime.CompilerServices;

namespace SecurityKit.Pseudonymization.Identifiers;

/// <summary>
/// An International Bank Account Number (ISO 13616): country code, two check digits (mod 97 = 1 over the rearranged
/// number), and the BBAN; for Belgium also the BBAN's own check (first 10 digits mod 97, 0 → 97, in the last two).
/// Parsed from <c>BE71 0961 2345 6769</c>, <c>BE71096123456769</c>, lower case, with spaces or dashes, without
/// allocating: the value holds its 15–34 characters inline.
/// </summary>
public readonly struct Iban : IEquatable<Iban>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The identifier kind used in error messages.</summary>
    public const string KindName = "IBAN";

    /// <summary>The longest IBAN.</summary>
    public const int MaxLength = 34;

    private readonly IbanCharacters characters;
    private readonly byte length;

    private Iban(ReadOnlySpan<byte> canonical)
    {
        canonical.CopyTo(characters);
        length = (byte)canonical.Length;
    }

    /// <summary>The canonical IBAN characters (upper case, no spaces) as ASCII bytes.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ReadOnlySpan<byte> Ascii => ((ReadOnlySpan<byte>)characters)[..length];

    /// <summary>The country code.</summary>
    public string CountryCode => System.Text.Encoding.ASCII.GetString(Ascii[..2]);

    /// <summary>The BBAN (everything after the check digits).</summary>
    public string Bban => System.Text.Encoding.ASCII.GetString(Ascii[4..]);

    /// <summary>Parses any usual written form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The IBAN.</returns>
    /// <exception cref="IdentifierException">Not a valid IBAN.</exception>
    public static Iban Parse(ReadOnlySpan<char> text)
    {
        var error = Validate(text, out var iban);
        return error.Rule == IdentifierRule.None ? iban : throw new IdentifierException(KindName, error);
    }

    /// <summary>Parses without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="iban">The IBAN when valid.</param>
    /// <returns>Whether valid.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out Iban iban) => Validate(text, out iban).Rule == IdentifierRule.None;

    /// <summary>Validates UTF-16 text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="iban">The IBAN when valid.</param>
    /// <returns>The error, or a default value.</returns>
    public static IdentifierError Validate(ReadOnlySpan<char> text, out Iban iban) => ValidateCore(text, out iban);

    /// <summary>Validates UTF-8 text.</summary>
    /// <param name="utf8">The text.</param>
    /// <param name="iban">The IBAN when valid.</param>
    /// <returns>The error, or a default value.</returns>
    public static IdentifierError Validate(ReadOnlySpan<byte> utf8, out Iban iban) => ValidateCore(utf8, out iban);

    internal static IdentifierError ValidateCore<T>(ReadOnlySpan<T> text, out Iban iban)
        where T : unmanaged, IBinaryInteger<T>
    {
        iban = default;
        Span<byte> canonical = stackalloc byte[MaxLength];
        Span<byte> positions = stackalloc byte[MaxLength];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = int.CreateTruncating(text[i]);
            if (c is >= 'a' and <= 'z')
            {
                c -= 32;
            }

            if (c is (>= '0' and <= '9') or (>= 'A' and <= 'Z'))
            {
                if (count == MaxLength)
                {
                    return new IdentifierError(IdentifierRule.Length, i + 1);
                }

                positions[count] = (byte)Math.Min(i + 1, 255);
                canonical[count++] = (byte)c;
            }
            else if (!DigitReader.IsSeparator(c))
            {
                return new IdentifierError(IdentifierRule.Character, i + 1);
            }
        }

        var error = Check(canonical[..count]);
        if (error.Rule != IdentifierRule.None)
        {
            return error.Position > 0 ? new IdentifierError(error.Rule, positions[error.Position - 1]) : error;
        }

        iban = new Iban(canonical[..count]);
        return default;
    }

    /// <summary>The rules on the canonical characters; positions are 1-based indexes into them.</summary>
    internal static IdentifierError Check(ReadOnlySpan<byte> iban)
    {
        if (iban.IsEmpty)
        {
            return new IdentifierError(IdentifierRule.Empty, 0);
        }

        if (iban.Length < 2 || !IsLetter(iban[0]) || !IsLetter(iban[1]))
        {
            return new IdentifierError(IdentifierRule.Country, 1);
        }

        var expected = IbanCountry.LengthOf(iban[0], iban[1]);
        if (expected != 0 ? iban.Length != expected : iban.Length is < 15 or > MaxLength)
        {
            return new IdentifierError(IdentifierRule.CountryLength, 0);
        }

        if (!IsDigit(iban[2]) || !IsDigit(iban[3]))
        {
            return new IdentifierError(IdentifierRule.CheckDigits, 3);
        }

        if (Mod97(iban) != 1)
        {
            return new IdentifierError(IdentifierRule.CheckDigits, 3);
        }

        if (iban[0] == 'B' && iban[1] == 'E')
        {
            for (var i = 4; i < 16; i++)
            {
                if (!IsDigit(iban[i]))
                {
                    return new IdentifierError(IdentifierRule.Character, i + 1);
                }
            }

            if (BelgianCheck(iban.Slice(4, 10)) != ((iban[14] - '0') * 10) + iban[15] - '0')
            {
                return new IdentifierError(IdentifierRule.NationalCheck, 15);
            }
        }

        return default;
    }

    /// <summary>The Belgian account check: the first 10 BBAN digits mod 97, with 0 written as 97.</summary>
    internal static int BelgianCheck(ReadOnlySpan<byte> tenDigits)
    {
        ulong value = 0;
        foreach (var digit in tenDigits)
        {
            value = (value * 10) + (ulong)(digit - '0');
        }

        var remainder = (int)(value % 97);
        return remainder == 0 ? 97 : remainder;
    }

    /// <summary>ISO 13616 / ISO 7064 MOD 97-10 over BBAN || country || check digits, letters as 10–35.</summary>
    internal static int Mod97(ReadOnlySpan<byte> iban)
    {
        var remainder = 0;
        for (var i = 4; i < iban.Length + 4; i++)
        {
            var c = iban[i % iban.Length];
            remainder = IsDigit(c) ? ((remainder * 10) + c - '0') % 97 : ((remainder * 100) + c - 'A' + 10) % 97;
        }

        return remainder;
    }

    /// <summary>Writes fresh check digits into positions 3–4 of a canonical IBAN.</summary>
    internal static void SetCheckDigits(Span<byte> iban)
    {
        iban[2] = (byte)'0';
        iban[3] = (byte)'0';
        var check = 98 - Mod97(iban);
        iban[2] = (byte)('0' + (check / 10));
        iban[3] = (byte)('0' + (check % 10));
    }

    internal static Iban FromValidCanonical(ReadOnlySpan<byte> canonical) => new(canonical);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDigit(int c) => (uint)(c - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsLetter(int c) => (uint)(c - 'A') <= 25;

    /// <summary>The canonical (electronic) form: no spaces, upper case.</summary>
    /// <returns>e.g. <c>BE71096123456769</c>.</returns>
    public override string ToString() => System.Text.Encoding.ASCII.GetString(Ascii);

    /// <summary>The print form: groups of four separated by spaces.</summary>
    /// <returns>e.g. <c>BE71 0961 2345 6769</c>.</returns>
    public string ToDisplayString()
    {
        var canonical = ToString();
        return string.Join(' ', Enumerable.Range(0, (canonical.Length + 3) / 4).Select(i => canonical.Substring(4 * i, Math.Min(4, canonical.Length - (4 * i)))));
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => format is "D" or "d" ? ToDisplayString() : ToString();

    /// <summary>Formats the canonical form.</summary>
    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (destination.Length < length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            destination[i] = (char)Ascii[i];
        }

        charsWritten = length;
        return true;
    }

    /// <summary>Formats the canonical form in UTF-8.</summary>
    /// <inheritdoc/>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        bytesWritten = 0;
        if (!Ascii.TryCopyTo(utf8Destination))
        {
            return false;
        }

        bytesWritten = length;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(Iban other) => Ascii.SequenceEqual(other.Ascii);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Iban other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Ascii);
        return hash.ToHashCode();
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Iban left, Iban right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Iban left, Iban right) => !left.Equals(right);

    [InlineArray(MaxLength)]
    private struct IbanCharacters
    {
        private byte first;
    }
}
