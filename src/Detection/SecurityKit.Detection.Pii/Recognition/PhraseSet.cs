using System.Collections.Frozen;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// Context phrases that may end right before a position ("je m'appelle", "mijn naam is", "Nom :"), bucketed by
/// their last letter so that a check compares a handful of phrases rather than all of them. Spaces, colons, commas
/// and dashes between the phrase and the position are skipped; a phrase written with a trailing colon
/// (<c>nom :</c>) only matches when the text has that colon.
/// </summary>
internal sealed class PhraseSet
{
    private const string Skipped = " \u00A0:,-–";
    private static readonly char[] SkippedChars = Skipped.ToCharArray();
    private readonly FrozenDictionary<char, (string Phrase, bool NeedsColon)[]> byLastChar;

    public PhraseSet(IEnumerable<string> phrases)
    {
        byLastChar = phrases
            .Select(p => (Phrase: p.TrimEnd(SkippedChars), NeedsColon: p.TrimEnd().EndsWith(':')))
            .Where(p => p.Phrase.Length > 0)
            .GroupBy(p => char.ToLowerInvariant(p.Phrase[^1]))
            .ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Whether a phrase ends within <paramref name="window"/> characters before <paramref name="position"/>.</summary>
    public bool EndsBefore(ReadOnlySpan<char> text, int position, int window)
    {
        var raw = text[Math.Max(0, position - window)..position];
        var before = raw.TrimEnd(Skipped);
        if (before.Length == 0 || !byLastChar.TryGetValue(char.ToLowerInvariant(before[^1]), out var bucket))
        {
            return false;
        }

        var hasColon = raw[before.Length..].Contains(':');
        foreach (var (phrase, needsColon) in bucket)
        {
            if ((!needsColon || hasColon) && before.EndsWith(phrase, StringComparison.OrdinalIgnoreCase)
                && (before.Length == phrase.Length || !char.IsLetter(before[before.Length - phrase.Length - 1])))
            {
                return true;
            }
        }

        return false;
    }
}
