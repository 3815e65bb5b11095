using System.Globalization;
using System.Text;

namespace SecurityKit.Detection.Pii.Operators;

/// <summary>
/// The placeholders of one conversation and their originals. The same entity always gets the same placeholder, also
/// when written differently: identifiers are compared on their letters and digits (<c>85.07.30-033.28</c> =
/// <c>85073003328</c>), people on their surname with a compatible given name or initial (<c>Jan Peeters</c>,
/// <c>J. Peeters</c>, <c>Peeters</c>, <c>PEETERS Jan</c>).
/// </summary>
public sealed class PlaceholderMap
{
    private readonly Dictionary<string, Entry> byPlaceholder = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> byKey = new(StringComparer.Ordinal);
    private readonly int[] counters = new int[PiiEntityTypeNames.All.Count];
    private readonly Dictionary<string, string> pseudonyms = new(StringComparer.Ordinal);

    /// <summary>Number of placeholders.</summary>
    public int Count => byPlaceholder.Count;

    /// <summary>The placeholder name (without brackets, e.g. <c>PERSON_1</c>) for an original value.</summary>
    /// <param name="type">The entity type.</param>
    /// <param name="original">The value as written in the text.</param>
    /// <returns>The placeholder name.</returns>
    public string GetOrAdd(PiiEntityType type, string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var key = KeyOf(type, original);
        if (byKey.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (type == PiiEntityType.Person && FindPerson(original) is { } person)
        {
            byKey[key] = person;
            // Keep the fullest form as the one restored.
            if (original.Length > byPlaceholder[person].Original.Length)
            {
                byPlaceholder[person] = new Entry(type, original);
            }

            return person;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{type.ToName()}_{++counters[(int)type]}");
        byKey[key] = name;
        byPlaceholder[name] = new Entry(type, original);
        return name;
    }

    /// <summary>Format-preserving pseudonyms handed out in this conversation, with their originals.</summary>
    public IReadOnlyDictionary<string, string> Pseudonyms => pseudonyms;

    /// <summary>Records a pseudonym given for <paramref name="original"/>, so that answers quoting it are restored.</summary>
    /// <param name="pseudonym">The pseudonym as written in the prompt.</param>
    /// <param name="original">The original value.</param>
    public void AddPseudonym(string pseudonym, string original)
    {
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        ArgumentNullException.ThrowIfNull(original);
        pseudonyms[pseudonym] = original;
    }

    /// <summary>The original behind a placeholder name (case-insensitive), if known.</summary>
    /// <param name="placeholder">A name such as <c>PERSON_1</c>.</param>
    /// <param name="original">The original value.</param>
    /// <returns>Whether the placeholder is known.</returns>
    public bool TryGetOriginal(string placeholder, out string original)
    {
        if (byPlaceholder.TryGetValue(placeholder, out var entry))
        {
            original = entry.Original;
            return true;
        }

        original = string.Empty;
        return false;
    }

    /// <summary>Serialises the map (for the vault, which encrypts it).</summary>
    /// <returns>UTF-8 bytes.</returns>
    public byte[] ToBytes()
    {
        var sb = new StringBuilder();
        foreach (var (placeholder, entry) in byPlaceholder)
        {
            sb.Append('P').Append('\t').Append(placeholder).Append('\t').Append((int)entry.Type).Append('\t').Append(Escape(entry.Original)).Append('\n');
        }

        foreach (var (pseudonym, original) in pseudonyms)
        {
            sb.Append('S').Append('\t').Append(Escape(pseudonym)).Append('\t').Append(Escape(original)).Append('\n');
        }

        foreach (var (key, placeholder) in byKey)
        {
            sb.Append('K').Append('\t').Append(Escape(key)).Append('\t').Append(placeholder).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Reads a map written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">UTF-8 bytes.</param>
    /// <returns>The map.</returns>
    public static PlaceholderMap FromBytes(ReadOnlySpan<byte> bytes)
    {
        var map = new PlaceholderMap();
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts[0] == "P" && parts.Length == 4)
            {
                var type = (PiiEntityType)int.Parse(parts[2], CultureInfo.InvariantCulture);
                map.byPlaceholder[parts[1]] = new Entry(type, Unescape(parts[3]));
                var n = int.Parse(parts[1].AsSpan(parts[1].LastIndexOf('_') + 1), CultureInfo.InvariantCulture);
                map.counters[(int)type] = Math.Max(map.counters[(int)type], n);
            }
            else if (parts[0] == "S" && parts.Length == 3)
            {
                map.pseudonyms[Unescape(parts[1])] = Unescape(parts[2]);
            }
            else if (parts[0] == "K" && parts.Length == 3)
            {
                map.byKey[Unescape(parts[1])] = parts[2];
            }
        }

        return map;
    }

    private string? FindPerson(string original)
    {
        var (given, surname) = SplitName(original);
        if (surname.Length == 0)
        {
            return null;
        }

        foreach (var (placeholder, entry) in byPlaceholder)
        {
            if (entry.Type != PiiEntityType.Person)
            {
                continue;
            }

            var (otherGiven, otherSurname) = SplitName(entry.Original);
            if (!string.Equals(surname, otherSurname, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Compatible given names: one is missing, equal, or one is the other's initial.
            if (given.Length == 0 || otherGiven.Length == 0 || string.Equals(given, otherGiven, StringComparison.OrdinalIgnoreCase)
                || (Math.Min(given.Length, otherGiven.Length) == 1 && char.ToUpperInvariant(given[0]) == char.ToUpperInvariant(otherGiven[0])))
            {
                return placeholder;
            }
        }

        return null;
    }

    /// <summary>Given name (or initial) and surname of a written name; "PEETERS Jan" puts the upper-case surname first.</summary>
    private static (string Given, string Surname) SplitName(string name)
    {
        var words = name.Split([' ', '\u00A0'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return (string.Empty, string.Empty);
        }

        if (words.Length >= 2 && words[0].Count(char.IsLetter) > 1 && words[0].All(c => !char.IsLetter(c) || char.IsUpper(c)) && words[^1].Any(char.IsLower))
        {
            return (words[^1].TrimEnd('.'), words[0]);
        }

        var surname = words[^1];
        var given = words.Length > 1 ? words[0].TrimEnd('.') : string.Empty;
        return (given, surname);
    }

    private static string KeyOf(PiiEntityType type, string original)
    {
        var sb = new StringBuilder(original.Length + 4).Append((int)type).Append(':');
        foreach (var c in original)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Unescape(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
                sb.Append(s[i] switch { 't' => '\t', 'n' => '\n', _ => s[i] });
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        return sb.ToString();
    }

    private readonly record struct Entry(PiiEntityType Type, string Original);
}
