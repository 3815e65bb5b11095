using System.Collections.Frozen;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// Reads one calendar date written in French, Dutch, German or English at a position: <c>30/07/1985</c>,
/// <c>30.07.1985</c>, <c>1985-07-30</c>, <c>30 juillet 1985</c>, <c>1er mars 1990</c>, <c>30. Juli 1985</c>,
/// <c>July 30, 1985</c>, <c>30th of July 1985</c>.
/// </summary>
internal static class DateText
{
    private static readonly FrozenDictionary<string, int> Months = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        // French
        ["janvier"] = 1, ["janv"] = 1, ["février"] = 2, ["fevrier"] = 2, ["févr"] = 2, ["fév"] = 2, ["mars"] = 3, ["avril"] = 4,
        ["avr"] = 4, ["mai"] = 5, ["juin"] = 6, ["juillet"] = 7, ["juil"] = 7, ["août"] = 8, ["aout"] = 8, ["septembre"] = 9,
        ["octobre"] = 10, ["novembre"] = 11, ["décembre"] = 12, ["decembre"] = 12, ["déc"] = 12,
        // Dutch
        ["januari"] = 1, ["februari"] = 2, ["maart"] = 3, ["mrt"] = 3, ["april"] = 4, ["mei"] = 5, ["juni"] = 6, ["juli"] = 7,
        ["augustus"] = 8, ["september"] = 9, ["oktober"] = 10, ["okt"] = 10, ["november"] = 11, ["december"] = 12,
        // German
        ["januar"] = 1, ["jänner"] = 1, ["februar"] = 2, ["märz"] = 3, ["maerz"] = 3, ["august"] = 8, ["dezember"] = 12, ["dez"] = 12,
        // English and shared abbreviations
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3, ["apr"] = 4, ["may"] = 5,
        ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["sept"] = 9, ["october"] = 10,
        ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tries to read a date starting exactly at <paramref name="at"/>; returns its end.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, int at, out int end)
    {
        end = at;
        if (at >= text.Length || !TextScan.StartsToken(text, at))
        {
            return false;
        }

        return char.IsAsciiDigit(text[at]) ? TryNumericOrDayFirst(text, at, out end) : TryMonthFirst(text, at, out end);
    }

    private static bool TryNumericOrDayFirst(ReadOnlySpan<char> text, int at, out int end)
    {
        end = at;
        var p = at;
        var first = ReadNumber(text, ref p, 4);
        if (first.Length == 4 && p + 5 < text.Length && text[p] is '-' or '/' or '.')
        {
            // ISO 8601 calendar date YYYY-MM-DD.
            var sep = text[p];
            var q = p + 1;
            var month = ReadNumber(text, ref q, 2);
            if (month.Length is 1 or 2 && q < text.Length && text[q] == sep)
            {
                q++;
                var day = ReadNumber(text, ref q, 2);
                if (day.Length is 1 or 2 && ValidDayMonth(day, month) && TextScan.EndsToken(text, q))
                {
                    end = q;
                    return true;
                }
            }

            return false;
        }

        if (first.Length is 0 or > 2)
        {
            return false;
        }

        if (p < text.Length && text[p] is '/' or '.' or '-' && p + 1 < text.Length && char.IsAsciiDigit(text[p + 1]))
        {
            var sep = text[p];
            var q = p + 1;
            var month = ReadNumber(text, ref q, 2);
            if (month.Length is 1 or 2 && q < text.Length && text[q] == sep)
            {
                q++;
                var year = ReadNumber(text, ref q, 4);
                if (year.Length is 2 or 4 && ValidDayMonth(first, month) && TextScan.EndsToken(text, q))
                {
                    end = q;
                    return true;
                }
            }

            return false;
        }

        // Day then month name: "30 juillet 1985", "1er mars 1990", "30. Juli 1985", "30th of July 1985".
        var r = p;
        foreach (var suffix in (ReadOnlySpan<string>)["er", "st", "nd", "rd", "th", "e"])
        {
            if (text[r..].StartsWith(suffix, StringComparison.OrdinalIgnoreCase) && TextScan.EndsToken(text, r + suffix.Length))
            {
                r += suffix.Length;
                break;
            }
        }

        if (r < text.Length && text[r] == '.')
        {
            r++;
        }

        r = SkipSpaces(text, r);
        if (text[r..].StartsWith("of ", StringComparison.OrdinalIgnoreCase))
        {
            r = SkipSpaces(text, r + 3);
        }

        if (!TryMonthName(text, ref r))
        {
            return false;
        }

        r = SkipSpaces(text, r);
        var y = r;
        var yearDigits = ReadNumber(text, ref y, 4);
        if (yearDigits.Length != 4 || !TextScan.EndsToken(text, y) || int.Parse(first, System.Globalization.CultureInfo.InvariantCulture) is 0 or > 31)
        {
            return false;
        }

        end = y;
        return true;
    }

    private static bool TryMonthFirst(ReadOnlySpan<char> text, int at, out int end)
    {
        end = at;
        var p = at;
        if (!TryMonthName(text, ref p))
        {
            return false;
        }

        p = SkipSpaces(text, p);
        var day = ReadNumber(text, ref p, 2);
        if (day.Length == 0)
        {
            return false;
        }

        foreach (var suffix in (ReadOnlySpan<string>)["st", "nd", "rd", "th"])
        {
            if (text[p..].StartsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                p += suffix.Length;
                break;
            }
        }

        if (p < text.Length && text[p] == ',')
        {
            p++;
        }

        p = SkipSpaces(text, p);
        var year = ReadNumber(text, ref p, 4);
        if (year.Length != 4 || !TextScan.EndsToken(text, p))
        {
            return false;
        }

        end = p;
        return true;
    }

    private static bool TryMonthName(ReadOnlySpan<char> text, ref int p)
    {
        var s = p;
        while (p < text.Length && char.IsLetter(text[p]))
        {
            p++;
        }

        if (p == s || !Months.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(text[s..p]))
        {
            p = s;
            return false;
        }

        if (p < text.Length && text[p] == '.')
        {
            p++;
        }

        return true;
    }

    private static ReadOnlySpan<char> ReadNumber(ReadOnlySpan<char> text, ref int p, int max)
    {
        var s = p;
        while (p < text.Length && p - s < max && char.IsAsciiDigit(text[p]))
        {
            p++;
        }

        if (p < text.Length && char.IsAsciiDigit(text[p]))
        {
            p = s;
            return [];
        }

        return text[s..p];
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int p)
    {
        while (p < text.Length && TextScan.IsSpace(text[p]))
        {
            p++;
        }

        return p;
    }

    private static bool ValidDayMonth(ReadOnlySpan<char> day, ReadOnlySpan<char> month)
    {
        var d = int.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var m = int.Parse(month, System.Globalization.CultureInfo.InvariantCulture);
        return d is >= 1 and <= 31 && m is >= 1 and <= 12;
    }
}
