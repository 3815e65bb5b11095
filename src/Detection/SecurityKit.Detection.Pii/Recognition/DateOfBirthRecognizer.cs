using System.Text.RegularExpressions;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// Dates that the text marks as a birth date: a marker (<c>né le</c>, <c>née à … le</c>, <c>geboren op</c>,
/// <c>geboren am</c>, <c>born on</c>, <c>date de naissance</c>, <c>geboortedatum</c>, <c>Geburtsdatum</c>, <c>DOB</c>,
/// the Belgian <c>°</c>) followed within a short window by a date. Other dates (meetings, deadlines) are left alone.
/// </summary>
public sealed partial class DateOfBirthRecognizer : IPiiRecognizer
{
    private const int Window = 48;
    private static readonly System.Buffers.SearchValues<char> MarkerInitials = System.Buffers.SearchValues.Create("°bBdDgGnN");

    /// <inheritdoc />
    public string Name => "date-of-birth";

    // Non-backtracking engine (linear in the input) with a timeout as a second guard.
    [GeneratedRegex(
        @"\b(?:née?s?|né\(e\)|geboren|born|birth ?date|birthdate|date of birth|date de naissance|datum van geboorte|geboortedatum|geburtsdatum|geburtstag|dob|naissance|geb|d\.o\.b)\b|°",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Marker();

    /// <inheritdoc />
    public void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (text.IndexOfAny(MarkerInitials) < 0)
        {
            return;
        }

        var ownStart = results.Count;
        var lastEnd = 0;
        foreach (var match in Marker().EnumerateMatches(text))
        {
            // "n°", "N°", "nº" is a number sign, not the Belgian "°" for born.
            if (text[match.Index] == '°' && match.Index > 0 && char.IsLetter(text[match.Index - 1]))
            {
                continue;
            }

            var from = Math.Max(match.Index + match.Length, lastEnd);
            var limit = Math.Min(text.Length, from + Window);
            for (var p = from; p < limit; p++)
            {
                var c = text[p];
                if (c is '\n' or ';')
                {
                    break;
                }

                if ((char.IsAsciiDigit(c) || char.IsLetter(c)) && TextScan.StartsToken(text, p) && DateText.TryRead(text, p, out var end))
                {
                    results.Add(new PiiEntity(p, end, PiiEntityType.DateOfBirth, 0.95));
                    lastEnd = end;
                    break;
                }
            }
        }

        FindDatesBeforeGeboren(text, results, ownStart);
        if (text.Contains('\n'))
        {
            // A table column headed "Geboortedatum", "Date de naissance", "DOB": the header marks every date below it.
            var cells = new List<(int Start, int End)>();
            StructuredNames.FindBirthDateCells(text, cells);
            foreach (var (start, end) in cells)
            {
                if (DateText.TryRead(text, start, out var dateEnd) && dateEnd == end)
                {
                    AddOnce(results, ownStart, new PiiEntity(start, end, PiiEntityType.DateOfBirth, 0.95));
                }
            }
        }
    }

    /// <summary>
    /// German puts the participle last: "ist am 3. Juni 2001 geboren", "wurde am 03.06.2001 in Eupen geboren". A date
    /// after "am" whose clause ends with "geboren" within a few words is a birth date too.
    /// </summary>
    private static void FindDatesBeforeGeboren(ReadOnlySpan<char> text, IList<PiiEntity> results, int ownStart)
    {
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf("geboren", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return;
            }

            at += from;
            from = at + 7;
            if (!TextScan.StartsToken(text, at) || !TextScan.EndsToken(text, at + 7))
            {
                continue;
            }

            // Look back within the clause (same line, no sentence end) for "am <date>".
            var start = Math.Max(0, at - Window);
            var clause = text[start..at];
            var cut = clause.LastIndexOfAny(".;\n!?");
            for (var p = start; p < at; p++)
            {
                if (p + 3 > at || !text[p..].StartsWith("am ", StringComparison.OrdinalIgnoreCase) || !TextScan.StartsToken(text, p))
                {
                    continue;
                }

                var q = p + 3;
                if (DateText.TryRead(text, q, out var end) && end <= at && (cut < 0 || start + cut < p || IsInsideDate(start + cut, q, end)))
                {
                    AddOnce(results, ownStart, new PiiEntity(q, end, PiiEntityType.DateOfBirth, 0.9));
                    break;
                }
            }
        }
    }

    private static bool IsInsideDate(int position, int dateStart, int dateEnd) => position >= dateStart && position < dateEnd;

    private static void AddOnce(IList<PiiEntity> results, int ownStart, PiiEntity entity)
    {
        for (var i = ownStart; i < results.Count; i++)
        {
            var r = results[i];
            if (r.Type == PiiEntityType.DateOfBirth && r.Overlaps(entity))
            {
                return;
            }
        }

        results.Add(entity);
    }
}
