using System.Text;
using System.Text.RegularExpressions;

namespace SecurityKit.Detection.Pii.Operators;

/// <summary>
/// Puts originals back into a model's answer. Accepts the placeholder as sent (<c>&lt;PERSON_1&gt;</c>) and the
/// model's paraphrases of it (<c>PERSON_1</c>, <c>&lt;person_1&gt;</c>, <c>[PERSON_1]</c>, <c>{PERSON_1}</c>). A
/// placeholder the map does not know (an expired vault entry, or one the model made up) becomes
/// <see cref="UnavailableMarker"/> text, never somebody else's data.
/// </summary>
public static partial class PlaceholderRestorer
{
    /// <summary>What replaces a placeholder whose original is not available: <c>[PERSON_1: unavailable]</c>.</summary>
    /// <param name="placeholder">The placeholder's name.</param>
    /// <returns>The marker text.</returns>
    public static string UnavailableMarker(string placeholder) => $"[{placeholder}: unavailable]";

    /// <summary>Longest text a placeholder can span, brackets included (for streaming hold-back).</summary>
    public const int MaxPlaceholderLength = 32;

    [GeneratedRegex(
        @"(?:<|\[|\{|&lt;)?(?:NATIONAL_NUMBER|ENTERPRISE_NUMBER|IBAN|PAYMENT_CARD|EMAIL|PHONE|PERSON|ADDRESS|EID_CARD_NUMBER|LICENSE_PLATE|IP_ADDRESS|DATE_OF_BIRTH)_[0-9]{1,6}(?:>|\]|\}|&gt;)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();

    /// <summary>Restores every placeholder of <paramref name="answer"/>.</summary>
    /// <param name="answer">The model's text.</param>
    /// <param name="map">The conversation's placeholders, or null when the vault entry expired.</param>
    /// <returns>The answer with originals.</returns>
    public static string Restore(string answer, PlaceholderMap? map)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var sb = new StringBuilder(answer.Length);
        var at = 0;
        foreach (var m in Placeholder().EnumerateMatches(answer))
        {
            var value = answer.AsSpan(m.Index, m.Length);
            var start = m.Index;
            // Not part of a longer word (XPERSON_1, PERSON_12a).
            if ((start > 0 && char.IsLetterOrDigit(answer[start - 1]) && char.IsLetter(value[0])) || (m.Index + m.Length < answer.Length && char.IsLetterOrDigit(answer[m.Index + m.Length])))
            {
                continue;
            }

            var name = Name(value);
            sb.Append(answer, at, start - at);
            if (map is not null && map.TryGetOriginal(name, out var original))
            {
                sb.Append(original);
            }
            else
            {
                sb.Append(UnavailableMarker(name.ToUpperInvariant()));
            }

            at = m.Index + m.Length;
        }

        sb.Append(answer, at, answer.Length - at);
        if (map is not null)
        {
            foreach (var (pseudonym, original) in map.Pseudonyms)
            {
                sb.Replace(pseudonym, original);
            }
        }

        return sb.ToString();
    }

    private static string Name(ReadOnlySpan<char> value)
    {
        var s = value.TrimStart("<[{").TrimEnd(">]}");
        if (s.StartsWith("&lt;", StringComparison.Ordinal))
        {
            s = s[4..];
        }

        if (s.EndsWith("&gt;", StringComparison.Ordinal))
        {
            s = s[..^4];
        }

        return s.ToString();
    }
}
