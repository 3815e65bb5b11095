using System.Numerics;
using System.Runtime.CompilerServices;

namespace SecurityKit.Pseudonymization.Identifiers;

/// <summary>
/// A Belgian enterprise number (KBO/BCE, also the VAT number <c>BE0…</c>): 10 digits, the first 0 or 1, the last two
/// = 97 − (first eight mod 97). Parsed from <c>0123.456.749</c>, <c>0123456749</c>, <c>BE0123456749</c>,
/// <c>BE 0123.456.749</c> without allocating.
/// </summary>
public readonly struct EnterpriseNumber : IEquatable<EnterpriseNumber>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The identifier kind used in error messages.</summary>
    public const string KindName = "enterprise number";

    private readonly ulong digits;

    private EnterpriseNumber(ulong digits) => this.digits = digits;

    /// <summary>The 10 digits as an integer.</summary>
    public ulong Value => digits;

    /// <summary>The first eight digits (the part the check digits protect).</summary>
    public ulong Body => digits / 100;

    /// <summary>The check digits.</summary>
    public int CheckDigits => (int)(digits % 100);

    /// <summary>97 − (body mod 97).</summary>
    /// <param name="body">The first eight digits.</param>
    /// <returns>The check digits, 1–97.</returns>
    public static ulong CheckFor(ulong body) => 97 - (body % 97);

    /// <summary>Builds a number from its first eight digits (0–19,999,999), computing the check digits.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The number.</returns>
    public static EnterpriseNumber FromBody(ulong body) =>
        body < 20_000_000 ? new EnterpriseNumber((body * 100) + CheckFor(body)) : throw new IdentifierException(KindName, new IdentifierError(IdentifierRule.Prefix, 1));

    /// <summary>Parses any usual written form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number.</returns>
    /// <exception cref="IdentifierException">Not a valid enterprise number.</exception>
    public static EnterpriseNumber Parse(ReadOnlySpan<char> text)
    {
        var error = Validate(text, out var number);
        return error.Rule == IdentifierRule.None ? number : throw new IdentifierException(KindName, error);
    }

    /// <summary>Parses without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="number">The number when valid.</param>
    /// <returns>Whether valid.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out EnterpriseNumber number) => Validate(text, out number).Rule == IdentifierRule.None;

    /// <summary>Validates UTF-16 text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="number">The number when valid.</param>
    /// <returns>The error, or a default value.</returns>
    public static IdentifierError Validate(ReadOnlySpan<char> text, out EnterpriseNumber number) => ValidateCore(text, out number);

    /// <summary>Validates UTF-8 text.</summary>
    /// <param name="utf8">The text.</param>
    /// <param name="number">The number when valid.</param>
    /// <returns>The error, or a default value.</returns>
    public static IdentifierError Validate(ReadOnlySpan<byte> utf8, out EnterpriseNumber number) => ValidateCore(utf8, out number);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static IdentifierError ValidateCore<T>(ReadOnlySpan<T> text, out EnterpriseNumber number)
        where T : unmanaged, IBinaryInteger<T>
    {
        number = default;
        var start = 0;
        while (start < text.Length && DigitReader.IsSeparator(int.CreateTruncating(text[start])))
        {
            start++;
        }

        // Optional VAT prefix BE (any case).
        if (start + 1 < text.Length && (int.CreateTruncating(text[start]) | 0x20) == 'b' && (int.CreateTruncating(text[start + 1]) | 0x20) == 'e')
        {
            start += 2;
        }
        else if (start < text.Length && (uint)(int.CreateTruncating(text[start]) - '0') > 9)
        {
            return new IdentifierError(IdentifierRule.Prefix, start + 1);
        }

        var error = DigitReader.Read(text[start..], 10, start, out var value);
        if (error.Rule != IdentifierRule.None)
        {
            return error;
        }

        if (value >= 2_000_000_000)
        {
            return new IdentifierError(IdentifierRule.Prefix, DigitReader.PositionOfDigit(text[start..], 0, start));
        }

        if (value % 100 != CheckFor(value / 100))
        {
            return new IdentifierError(IdentifierRule.CheckDigits, DigitReader.PositionOfDigit(text[start..], 8, start));
        }

        number = new EnterpriseNumber(value);
        return default;
    }

    /// <summary>The canonical form: 10 digits.</summary>
    /// <returns>e.g. <c>0123456749</c>.</returns>
    public override string ToString() => digits.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The display form <c>0123.456.749</c>.</summary>
    /// <returns>The display form.</returns>
    public string ToDisplayString()
    {
        var canonical = ToString();
        return $"{canonical[..4]}.{canonical[4..7]}.{canonical[7..]}";
    }

    /// <summary>The VAT form <c>BE0123456749</c>.</summary>
    /// <returns>The VAT number.</returns>
    public string ToVatString() => "BE" + ToString();

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        "D" or "d" => ToDisplayString(),
        "V" or "v" => ToVatString(),
        _ => ToString(),
    };

    /// <summary>Formats the canonical 10 digits.</summary>
    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) => TryWrite(destination, out charsWritten);

    /// <summary>Formats the canonical 10 digits in UTF-8.</summary>
    /// <inheritdoc/>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) => TryWrite(utf8Destination, out bytesWritten);

    private bool TryWrite<T>(Span<T> destination, out int written)
        where T : unmanaged, IBinaryInteger<T>
    {
        written = destination.Length >= 10 ? 10 : 0;
        if (written == 0)
        {
            return false;
        }

        NationalRegisterNumber.WriteDigits(destination[..10], digits);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(EnterpriseNumber other) => digits == other.digits;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EnterpriseNumber other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => digits.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(EnterpriseNumber left, EnterpriseNumber right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(EnterpriseNumber left, EnterpriseNumber right) => !left.Equals(right);
}
