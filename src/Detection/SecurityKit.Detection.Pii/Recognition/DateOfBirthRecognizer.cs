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

        var lastEnd = 0;
        foreach (var match in Marker().EnumerateMatches(text))
        {
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
    }
}
