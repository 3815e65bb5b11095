using System.Text;

namespace SecurityKit.Detection.Pii.Operators;

/// <summary>
/// Restores a streamed answer chunk by chunk. A chunk's tail that could be the beginning of a placeholder
/// (<c>&lt;PERS</c>, <c>PERSON_</c>) is held back until the next chunk shows how it ends, so a placeholder split across
/// chunks is restored whole; everything before it is released at once.
/// </summary>
public sealed class StreamingRestorer
{
    private readonly PlaceholderMap? map;
    private readonly StringBuilder pending = new();

    /// <summary>Creates a restorer for one streamed answer.</summary>
    /// <param name="map">The conversation's placeholders, or null when the vault entry expired.</param>
    public StreamingRestorer(PlaceholderMap? map) => this.map = map;

    /// <summary>Takes the next chunk; returns the restored text that can be shown now (possibly empty).</summary>
    /// <param name="chunk">The chunk's text.</param>
    /// <returns>Restored text ready to be sent on.</returns>
    public string Push(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        pending.Append(chunk);
        var text = pending.ToString();
        var hold = Math.Min(HoldBackStart(text), PseudonymHoldBackStart(text));
        var ready = text[..hold];
        pending.Clear().Append(text, hold, text.Length - hold);
        return ready.Length == 0 ? string.Empty : PlaceholderRestorer.Restore(ready, map);
    }

    /// <summary>Releases whatever is held back at the end of the stream.</summary>
    /// <returns>The restored remainder.</returns>
    public string Complete()
    {
        var rest = pending.ToString();
        pending.Clear();
        return PlaceholderRestorer.Restore(rest, map);
    }

    /// <summary>
    /// With pseudonyms in the conversation, a trailing run of identifier characters (letters, digits, spaces, dots,
    /// dashes; at most 40) may be a pseudonym cut in two: it waits for the next chunk.
    /// </summary>
    private int PseudonymHoldBackStart(string text)
    {
        if (map is null || map.Pseudonyms.Count == 0)
        {
            return text.Length;
        }

        var i = text.Length;
        while (i > 0 && text.Length - i < 40 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is ' ' or '.' or '-' or '/'))
        {
            i--;
        }

        return i;
    }

    /// <summary>
    /// Where the possibly-incomplete placeholder at the end of <paramref name="text"/> starts, or the text's length.
    /// Only the last <see cref="PlaceholderRestorer.MaxPlaceholderLength"/> characters are considered.
    /// </summary>
    private static int HoldBackStart(string text)
    {
        var from = Math.Max(0, text.Length - PlaceholderRestorer.MaxPlaceholderLength);
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '<' or '[' or '{' or '&' || (char.IsAsciiLetter(c) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]))))
            {
                var tail = text.AsSpan(i);
                if (CouldBePlaceholderPrefix(tail))
                {
                    return i;
                }
            }
        }

        return text.Length;
    }

    private static readonly string[] TypeNames = [.. PiiEntityTypeNames.All.Select(t => t.ToName())];

    private static bool CouldBePlaceholderPrefix(ReadOnlySpan<char> tail)
    {
        var s = tail;
        if (s.StartsWith("&lt;", StringComparison.Ordinal))
        {
            s = s[4..];
        }
        else if ("&lt;".AsSpan().StartsWith(s, StringComparison.Ordinal))
        {
            return true;
        }
        else if (s[0] is '<' or '[' or '{')
        {
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return true;
        }

        foreach (var name in TypeNames)
        {
            if (name.AsSpan().StartsWith(s, StringComparison.OrdinalIgnoreCase))
            {
                return true; // "PERS", "PERSON"
            }

            if (s.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                var rest = s[name.Length..];
                if (rest.IsEmpty || (rest[0] == '_' && AllDigitsThenClose(rest[1..])))
                {
                    return true; // "PERSON_", "PERSON_1", "PERSON_1>" (the closing bracket may still come)
                }
            }
        }

        return false;
    }

    private static bool AllDigitsThenClose(ReadOnlySpan<char> rest)
    {
        foreach (var c in rest)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        // Digits only: more digits or the closing bracket may follow in the next chunk.
        return true;
    }
}
