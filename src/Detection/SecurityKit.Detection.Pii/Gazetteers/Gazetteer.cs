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
    private readonly FrozenDictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> lexicon;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> firstNameLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> surnameLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> placeLookup;
    private readonly int[] suffixLengths;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>[] suffixesByLength;

    private Gazetteer()
    {
        FirstNames = Load("first-names.bogus.txt", "first-names.extra.txt", "first-names.locales.txt");
        var surnames = Load("surnames.bogus.txt", "surnames.extra.txt", "surnames.locales.txt");
        // "Name<TAB>languages": a name is marked as a common word when two languages or more have it.
        CommonWords = Lines("common-words.names.txt").Select(l => l.Split('\t')).Where(p => p.Length == 2 && int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture) >= 2)
            .Select(p => p[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
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
        suffixLengths = [.. StreetSuffixes.Select(s => s.Length).Distinct().Order()];
        suffixesByLength = new FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>[suffixLengths[^1] + 1];
        foreach (var length in suffixLengths)
        {
            suffixesByLength[length] = StreetSuffixes.Where(s => s.Length == length).ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        var classes = new Dictionary<string, WordClass>(StringComparer.OrdinalIgnoreCase);
        void Mark(IEnumerable<string> words, WordClass c)
        {
            foreach (var w in words)
            {
                classes[w] = classes.GetValueOrDefault(w) | c;
            }
        }

        Mark(FirstNames, WordClass.FirstName);
        Mark(Surnames, WordClass.Surname);
        Mark(Places, WordClass.Place);
        Mark(Stopwords, WordClass.Stopword);
        Mark(CommonWords, WordClass.CommonWord);
        Mark(Titles, WordClass.Title);
        Mark(StreetPrefixes, WordClass.StreetPrefix);
        Mark(StreetSuffixes, WordClass.StreetSuffix);
        Mark(ContextWords.NameParticles, WordClass.NameParticle);
        Mark(ContextWords.Roles.Where(r => r.Length > 3), WordClass.Role);
        Mark(ContextWords.StreetConnectors, WordClass.StreetConnector);
        Mark(ContextWords.BoxWords, WordClass.BoxWord);
        Mark(ContextWords.NumberWords, WordClass.NumberWord);
        Mark(ContextWords.Greetings, WordClass.Greeting);
        lexicon = classes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        firstNameLookup = FirstNames.GetAlternateLookup<ReadOnlySpan<char>>();
        surnameLookup = Surnames.GetAlternateLookup<ReadOnlySpan<char>>();
        placeLookup = Places.GetAlternateLookup<ReadOnlySpan<char>>();
    }


    /// <summary>The lists, loaded once.</summary>
    public static Gazetteer Shared { get; } = new();

    public FrozenSet<string> FirstNames { get; }

    public FrozenSet<string> Surnames { get; }

    public FrozenSet<string> Places { get; }

    /// <summary>Names of the lists that are also common words in FR, NL, DE or EN (Will, Rose, Mark): they need more evidence.</summary>
    public FrozenSet<string> CommonWords { get; }

    public FrozenDictionary<string, int> PostcodeByPlace { get; }

    public FrozenSet<string> Stopwords { get; }

    public FrozenSet<string> Titles { get; }

    public FrozenSet<string> StreetPrefixes { get; }

    /// <summary>Endings of compound street names, longest first.</summary>
    public IReadOnlyList<string> StreetSuffixes { get; }

    /// <summary>Every class the lists give <paramref name="word"/>, in one lookup (<see cref="WordClass.Classified"/> set).</summary>
    public WordClass Classify(ReadOnlySpan<char> word) =>
        (lexicon.TryGetValue(word, out var c) ? c : WordClass.None) | WordClass.Classified;

    public bool IsFirstName(ReadOnlySpan<char> word) => firstNameLookup.Contains(word);

    public bool IsSurname(ReadOnlySpan<char> word) => surnameLookup.Contains(word);

    public bool IsPlace(ReadOnlySpan<char> word) => placeLookup.Contains(word);

    public bool IsStopword(ReadOnlySpan<char> word) => Stopwords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public bool IsTitle(ReadOnlySpan<char> word) => Titles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public bool IsStreetPrefix(ReadOnlySpan<char> word) => StreetPrefixes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    /// <summary>Whether <paramref name="word"/> is a compound ending with a street suffix (Kerkstraat, Hauptstraße) or is one.</summary>
    public bool EndsWithStreetSuffix(ReadOnlySpan<char> word, out bool isWholeWord)
    {
        // One set per suffix length, longest first: a handful of hash lookups instead of comparing every suffix.
        for (var i = suffixLengths.Length - 1; i >= 0; i--)
        {
            var length = suffixLengths[i];
            if (length <= word.Length && suffixesByLength[length].Contains(word[^length..]))
            {
                isWholeWord = word.Length == length;
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
