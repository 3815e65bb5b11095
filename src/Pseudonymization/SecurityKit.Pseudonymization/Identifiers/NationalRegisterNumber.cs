using System.Numerics;
using System.Runtime.CompilerServices;

namespace SecurityKit.Pseudonymization.Identifiers;

/// <summary>
/// A Belgian national number (NISS/INSZ): a national register number or a BIS number, <c>YYMMDD SSS CC</c>.
/// </summary>
/// <remarks>
/// Rules (Rijksregister / Kruispuntbank): YYMMDD is the birth date, 00 where unknown; the month field is 01–12 (00
/// unknown), +20 for a BIS number whose holder's gender was unknown, +40 when it was known; SSS is a sequence number
/// 001–997, odd for men and even for women; CC = 97 − (YYMMDDSSS mod 97), computed over 2YYMMDDSSS for births from
/// 2000 — so the check digits also carry the century. A valid number here is one the register or BIS could issue:
/// month field 00–12, 20–32 or 40–52, day 00–31, sequence 001–997, check digits of one of the two centuries.
/// Calendar validity of the date is not required (numbers for unknown or partial dates, and for exhausted sequence
/// ranges, exist). Stored as one 64-bit integer; parsing from spans does not allocate.
/// </remarks>
public readonly struct NationalRegisterNumber : IEquatable<NationalRegisterNumber>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The identifier kind used in error messages.</summary>
    public const string KindName = "national number";

    private const ulong Century2000 = 2_000_000_000;

    private readonly ulong digits;

    private NationalRegisterNumber(ulong digits) => this.digits = digits;

    /// <summary>The 11 digits as an integer (e.g. 85073003328).</summary>
    public ulong Value => digits;

    /// <summary>YY, the year within the century.</summary>
    public int YearOfCentury => (int)(digits / 1_000_000_000);

    /// <summary>The month field as written (00–12, 20–32 or 40–52).</summary>
    public int MonthField => (int)(digits / 10_000_000 % 100);

    /// <summary>The day field (00 when unknown).</summary>
    public int Day => (int)(digits / 100_000 % 100);

    /// <summary>The sequence number, 001–997.</summary>
    public int Sequence => (int)(digits / 100 % 1000);

    /// <summary>The check digits CC.</summary>
    public int CheckDigits => (int)(digits % 100);

    /// <summary>Whether the check digits are those of a birth from 2000 on.</summary>
    public bool BornFrom2000 => CheckFor(digits / 100, true) == (ulong)CheckDigits;

    /// <summary>The birth year (century from the check digits).</summary>
    public int BirthYear => (BornFrom2000 ? 2000 : 1900) + YearOfCentury;

    /// <summary>The birth month, 1–12, or 0 when unknown.</summary>
    public int BirthMonth => MonthField % 20;

    /// <summary>Register number or BIS number.</summary>
    public NationalNumberKind Kind => MonthField >= 40 ? NationalNumberKind.BisGenderKnown : MonthField >= 20 ? NationalNumberKind.BisGenderUnknown : NationalNumberKind.Register;

    /// <summary>Whether the sequence number is odd (men) rather than even (women); meaningless for BIS numbers with gender unknown.</summary>
    public bool SequenceIsOdd => (Sequence & 1) == 1;

    /// <summary>CC = 97 − (N mod 97) with N = the first nine digits, prefixed with 2 for births from 2000.</summary>
    /// <param name="body">The first nine digits as an integer.</param>
    /// <param name="from2000">Whether the birth is from 2000 on.</param>
    /// <returns>The check digits, 1–97.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CheckFor(ulong body, bool from2000) => 97 - ((from2000 ? Century2000 + body : body) % 97);

    /// <summary>Whether a month field is one the register or BIS issues (00–12, 20–32, 40–52).</summary>
    /// <param name="month">The month field.</param>
    /// <returns><see langword="true"/> for an issuable month field.</returns>
    public static bool IsIssuableMonth(int month) => month <= 12 || month is (>= 20 and <= 32) or (>= 40 and <= 52);

    /// <summary>Builds a number from its fields, computing the check digits.</summary>
    /// <param name="yearOfCentury">YY.</param>
    /// <param name="monthField">The month field (with +20/+40 for BIS).</param>
    /// <param name="day">The day, 0–31.</param>
    /// <param name="sequence">The sequence number, 1–997.</param>
    /// <param name="from2000">Whether the birth is from 2000 on.</param>
    /// <returns>The number.</returns>
    public static NationalRegisterNumber Create(int yearOfCentury, int monthField, int day, int sequence, bool from2000)
    {
        var body = (ulong)((((((long)yearOfCentury * 100) + monthField) * 100) + day) * 1000) + (ulong)sequence;
        var number = new NationalRegisterNumber((body * 100) + CheckFor(body, from2000));
        var error = Check(number.digits);
        return error.Rule == IdentifierRule.None && yearOfCentury is >= 0 and <= 99
            ? number
            : throw new IdentifierException(KindName, error.Rule == IdentifierRule.None ? new IdentifierError(IdentifierRule.Length, 0) : error);
    }

    /// <summary>Parses any usual written form (<c>85.07.30-033.28</c>, <c>85073003328</c>, <c>850730 033 28</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number.</returns>
    /// <exception cref="IdentifierException">The text is not a valid national number; the message names the rule and position.</exception>
    public static NationalRegisterNumber Parse(ReadOnlySpan<char> text)
    {
        var error = Validate(text, out var number);
        return error.Rule == IdentifierRule.None ? number : throw new IdentifierException(KindName, error);
    }

    /// <summary>Parses any usual written form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number.</returns>
    public static NationalRegisterNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <summary>Parses without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="number">The number when valid.</param>
    /// <returns>Whether the text is a valid national number.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out NationalRegisterNumber number) => Validate(text, out number).Rule == IdentifierRule.None;

    /// <summary>Validates UTF-16 text, returning the rule broken and its position (or <see cref="IdentifierRule.None"/>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="number">The number when valid.</param>
    /// <returns>The error, or a default value when valid.</returns>
    public static IdentifierError Validate(ReadOnlySpan<char> text, out NationalRegisterNumber number) => ValidateCore(text, out number);

    /// <summary>Validates UTF-8 text, returning the rule broken and its position (or <see cref="IdentifierRule.None"/>).</summary>
    /// <param name="utf8">The text.</param>
    /// <param name="number">The number when valid.</param>
    /// <returns>The error, or a default value when valid.</returns>
    public static IdentifierError Validate(ReadOnlySpan<byte> utf8, out NationalRegisterNumber number) => ValidateCore(utf8, out number);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static IdentifierError ValidateCore<T>(ReadOnlySpan<T> text, out NationalRegisterNumber number)
        where T : unmanaged, IBinaryInteger<T>
    {
        number = default;
        var error = DigitReader.Read(text, 11, 0, out var value);
        if (error.Rule != IdentifierRule.None)
        {
            return error;
        }

        error = Check(value);
        if (error.Rule != IdentifierRule.None)
        {
            // Check reports the digit index; turn it into the character position in the input.
            return new IdentifierError(error.Rule, DigitReader.PositionOfDigit(text, error.Position, 0));
        }

        number = new NationalRegisterNumber(value);
        return default;
    }

    /// <summary>The rules on the 11 digits; the position returned is a 0-based digit index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static IdentifierError Check(ulong value)
    {
        var body = value / 100;
        var month = (int)(body / 100_000 % 100);
        if (!IsIssuableMonth(month))
        {
            return new IdentifierError(IdentifierRule.Month, 2);
        }

        if (body / 1000 % 100 > 31)
        {
            return new IdentifierError(IdentifierRule.Day, 4);
        }

        var sequence = body % 1000;
        if (sequence is 0 or > 997)
        {
            return new IdentifierError(IdentifierRule.Sequence, 6);
        }

        var check = value % 100;
        return check == CheckFor(body, false) || check == CheckFor(body, true) ? default : new IdentifierError(IdentifierRule.CheckDigits, 9);
    }

    /// <summary>Builds a value from 11 digits known to be valid (internal: pseudonymisers and ranks).</summary>
    internal static NationalRegisterNumber FromValidDigits(ulong value) => new(value);

    /// <summary>The canonical form: 11 digits.</summary>
    /// <returns>E.g. <c>85073003328</c>.</returns>
    public override string ToString() => digits.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The display form <c>YY.MM.DD-SSS.CC</c>.</summary>
    /// <returns>E.g. <c>85.07.30-033.28</c>.</returns>
    public string ToDisplayString() => string.Create(15, digits, static (span, value) => WriteDisplay(span, value));

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => format is "D" or "d" ? ToDisplayString() : ToString();

    /// <summary>Formats as <c>C</c> (canonical, default) or <c>D</c> (display).</summary>
    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormatCore(destination, out charsWritten, format);

    /// <summary>Formats as UTF-8, <c>C</c> (canonical, default) or <c>D</c> (display).</summary>
    /// <inheritdoc/>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormatCore(utf8Destination, out bytesWritten, format);

    private bool TryFormatCore<T>(Span<T> destination, out int written, ReadOnlySpan<char> format)
        where T : unmanaged, IBinaryInteger<T>
    {
        var display = format is "D" or "d";
        written = display ? 15 : 11;
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        if (display)
        {
            WriteDisplay(destination, digits);
        }
        else
        {
            WriteDigits(destination[..11], digits);
        }

        return true;
    }

    /// <summary>Writes a number's digits right-aligned over the whole span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WriteDigits<T>(Span<T> destination, ulong value)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            var (quotient, remainder) = Math.DivRem(value, 10UL);
            destination[i] = T.CreateTruncating('0' + (int)remainder);
            value = quotient;
        }
    }

    private static void WriteDisplay<T>(Span<T> destination, ulong value)
        where T : unmanaged, IBinaryInteger<T>
    {
        WriteDigits(destination[0..2], value / 1_000_000_000);
        destination[2] = T.CreateTruncating('.');
        WriteDigits(destination[3..5], value / 10_000_000 % 100);
        destination[5] = T.CreateTruncating('.');
        WriteDigits(destination[6..8], value / 100_000 % 100);
        destination[8] = T.CreateTruncating('-');
        WriteDigits(destination[9..12], value / 100 % 1000);
        destination[12] = T.CreateTruncating('.');
        WriteDigits(destination[13..15], value % 100);
    }

    /// <inheritdoc/>
    public bool Equals(NationalRegisterNumber other) => digits == other.digits;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NationalRegisterNumber other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => digits.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(NationalRegisterNumber left, NationalRegisterNumber right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(NationalRegisterNumber left, NationalRegisterNumber right) => !left.Equals(right);
}
