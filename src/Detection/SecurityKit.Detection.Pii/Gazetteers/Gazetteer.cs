using System.Collections.Frozen;
using System.Reflection;

namespace SecurityKit.Detection.Pii.Gazetteers;

/// <summary>
/// Word lists shipped inside the package (embedded resources under <c>Gazetteers/Data</c>): given names and surnames
/// common in Belgium across its communities, Belgian municipalities with postcodes, street-type words, titles and
/// capitalised words that are not names. Sources and licences are in docs/pii.md. Lookups are case-insensitive
/// and take spans, so scanning allocates nothing.
/// </summary>
internal sealed class Gazetteer
{
    private Gazetteer()
    {
        FirstNames = Load("first-names.bogus.txt", "first-names.extra.txt");
        var surnames = Load("surnames.bogus.txt", "surnames.extra.txt");
        // Multi-word surnames ("Van den Broeck") are also known by their last word.
        Surnames = surnames.Concat(surnames.Where(s => s.Contains(' ', StringComparison.Ordinal)).Select(s => s[(s.LastIndexOf(' ') + 1)..]))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        var places = new List<string>(Lines("municipalities-nl.bogus.txt"));
        var postcodes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Lines("municipalities.txt"))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var code = int.Parse(line.AsSpan(0, space), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var name in line[(space + 1)..].Split('|'))
            {
                places.Add(name);
                postcodes.TryAdd(name, code);
            }
        }

        Places = places.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        PostcodeByPlace = postcodes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Stopwords = Load("stopwords.txt");
        Titles = Load("titles.txt");
        var prefixes = new List<string>();
        var suffixes = new List<string>();
        foreach (var line in Lines("street-types.txt"))
        {
            var parts = line.Split(' ', 2);
            (parts[0] == "prefix" ? prefixes : suffixes).Add(parts[1]);
        }

        StreetPrefixes = prefixes.Select(p => p.TrimEnd('.')).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        StreetSuffixes = [.. suffixes.Select(s => s.TrimEnd('.')).OrderByDescending(s => s.Length)];
    }

    /// <summary>The lists, loaded once.</summary>
    public static Gazetteer Shared { get; } = new();

    public FrozenSet<string> FirstNames { get; }

    public FrozenSet<string> Surnames { get; }

    public FrozenSet<string> Places { get; }

    public FrozenDictionary<string, int> PostcodeByPlace { get; }

    public FrozenSet<string> Stopwords { get; }

    public FrozenSet<string> Titles { get; }

    public FrozenSet<string> StreetPrefixes { get; }

    /// <summary>Endings of compound street names, longest first.</summary>
    public IReadOnlyList<string> StreetSuffixes { get; }

    public bool IsFirstName(ReadOnlySpan<char> word) => FirstNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public bool IsSurname(ReadOnlySpan<char> word) => Surnames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public bool IsPlace(ReadOnlySpan<char> word) => Places.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public bool IsStopword(ReadOnlySpan<char> word) => Stopwords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public bool IsTitle(ReadOnlySpan<char> word) => Titles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public bool IsStreetPrefix(ReadOnlySpan<char> word) => StreetPrefixes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    /// <summary>Whether <paramref name="word"/> is a compound ending with a street suffix (Kerkstraat, Hauptstraße) or is one.</summary>
    public bool EndsWithStreetSuffix(ReadOnlySpan<char> word, out bool isWholeWord)
    {
        foreach (var suffix in StreetSuffixes)
        {
            if (word.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                isWholeWord = word.Length == suffix.Length;
                return true;
            }
        }

        isWholeWord = false;
        return false;
    }

    private static FrozenSet<string> Load(params string[] names) =>
        names.SelectMany(Lines).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Lines(string name)
    {
        var assembly = typeof(Gazetteer).GetTypeInfo().Assembly;
        using var stream = assembly.GetManifestResourceStream($"SecurityKit.Detection.Pii.Gazetteers.Data.{name}")
            ?? throw new InvalidOperationException($"embedded gazetteer {name} is missing from the package");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
