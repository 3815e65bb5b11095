using System.Globalization;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Parsers for the two value shapes that fill millions of cells of an employer-risk folder: plain decimals
/// (<c>20692.49</c>) and ISO dates (<c>2024-03-31</c>). Written by hand because <see cref="double.TryParse(string?, out double)"/>
/// and <see cref="DateOnly.TryParseExact(string?, string?, out DateOnly)"/> took about a third of the loading time of a
/// 300,000-employer folder (measured); anything that is not the plain shape falls back to the framework parser, so the
/// results are identical (asserted by property tests against the framework).
/// </summary>
internal static class InvariantText
{
    // 10^0 .. 10^22 are exact doubles: a mantissa below 2^53 divided by one of them is correctly rounded
    // (Clinger's fast path, "How to read floating point numbers accurately", PLDI 1990).
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    private const long MaxExactMantissa = 1L << 53;

    /// <summary>
    /// Parses a number with the invariant culture, a leading sign, a decimal point and an exponent allowed (as
    /// <see cref="NumberStyles.Float"/> without white space); <c>[-]digits[.digits]</c> with at most 15 significant
    /// digits takes an exact fast path.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value)
    {
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == '-')
        {
            negative = true;
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var fraction = -1; // digits after the point, -1 while no point was seen
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                mantissa = (mantissa * 10) + (c - '0');
                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                }

                if (digits > 15)
                {
                    return Slow(text, out value);
                }
            }
            else if (c == '.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return Slow(text, out value);
            }
        }

        if (digits == 0 || mantissa >= MaxExactMantissa)
        {
            return Slow(text, out value);
        }

        value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>Parses <c>yyyy-MM-dd</c> exactly as <c>DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant)</c> does.</summary>
    public static bool TryParseIsoDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(5, 2), out var month) && TryDigits(text.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            date = new DateOnly(year, month, day);
            return true;
        }

        // Everything else (other lengths, signs, white space) is decided by the framework so that nothing differs.
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool Slow(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
}
