using System.Globalization;
using System.Text;
using Bogus;
using Bogus.Bson;
using SecurityKit.Detection.Pii.Tests.Corpus;

namespace SecurityKit.Detection.Pii.Tests.Gazetteers;

/// <summary>
/// The reproducible extraction of the package's <c>*.locales.txt</c> name lists from Bogus's locale data (MIT): given
/// names and surnames of the Latin-script locales beyond the six of the original lists, so that names of Belgium's many
/// communities (Italian, Spanish, Portuguese, Polish, Romanian, Turkish, Czech, Slovak, Croatian, Vietnamese,
/// Indonesian…) are known. Left out: words already in the original lists, stop words of the package, the held-out
/// corpus names (<see cref="HoldoutNames"/>), and names that are common words in French, Dutch, German or English
/// (every entry of <c>common-words.names.txt</c>, made from Debian's word lists by <see cref="CommonWords"/>).
/// </summary>
internal static class LocaleNameLists
{
    /// <summary>The locales added in the fourth session (Bogus 35.6.5), all written in Latin script.</summary>
    public static readonly string[] Locales =
    [
        "it", "es", "es_MX", "pt_PT", "pt_BR", "pl", "ro", "tr", "cz", "sk", "hr", "vi", "id_ID", "fr_CH", "fr_CA", "de_AT",
        "en_GB", "en_IE", "en_IND", "en_ZA", "en_NG", "nb_NO", "sv", "fi", "lv", "az", "af_ZA", "ge",
    ];

    /// <summary>The six locales of the original lists (<c>*.bogus.txt</c>).</summary>
    public static readonly string[] OriginalLocales = ["nl_BE", "nl", "fr", "de", "de_CH", "en"];

    private static readonly string[] FirstNameKeys = ["first_name", "male_first_name", "female_first_name"];

    private static readonly string[] SurnameKeys = ["last_name", "male_last_name", "female_last_name"];

    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "GazetteerData");

    /// <summary>Given names (<paramref name="surnames"/> false) or surnames of <paramref name="locales"/>, as Bogus holds them.</summary>
    public static SortedSet<string> Names(IEnumerable<string> locales, bool surnames)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var locale in locales)
        {
            if (Database.GetLocale(locale)["name"] is not BObject name)
            {
                continue;
            }

            foreach (var key in surnames ? SurnameKeys : FirstNameKeys)
            {
                if (name[key] is BArray array)
                {
                    foreach (BValue value in array)
                    {
                        if (value.ValueType == BValueType.String && value.StringValue?.Trim() is { Length: > 1 } w)
                        {
                            names.Add(w.Normalize(NormalizationForm.FormC));
                        }
                    }
                }
            }
        }

        return names;
    }

    /// <summary>
    /// What the committed list should hold: names of <see cref="Locales"/> in Latin script, one word (hyphen and
    /// apostrophe allowed), not in <paramref name="existing"/>, not a stop word, not a held-out name, not common.
    /// </summary>
    public static List<string> Extract(bool surnames, ISet<string> existing, ISet<string> stopwords, ISet<string> common)
    {
        var holdout = new HashSet<string>(HoldoutNames.FirstNames.Concat(HoldoutNames.Surnames).SelectMany(n => n.Split(' ')), StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var n in Names(Locales, surnames))
        {
            if (IsLatinWord(n) && !existing.Contains(n) && !stopwords.Contains(n) && !holdout.Contains(n) && !common.Contains(n) && seen.Add(n))
            {
                result.Add(n);
            }
        }

        return result;
    }

    /// <summary>Letters of the Latin script (Basic Latin to Latin Extended Additional), at least two, inner '-' or '\'' allowed.</summary>
    public static bool IsLatinWord(string w)
    {
        if (w.Length < 2 || !char.IsUpper(w[0]))
        {
            return false;
        }

        for (var i = 0; i < w.Length; i++)
        {
            var c = w[i];
            var latinLetter = char.IsLetter(c) && (c < 0x250 || c is >= '\u1E00' and <= '\u1EFF');
            var joiner = i > 0 && i < w.Length - 1 && c is '-' or '\'';
            // An inner capital only after a joiner (Jean-Luc, O'Neil): "DelićBrzica" is two entries glued together.
            var innerCapital = i > 0 && char.IsUpper(c) && w[i - 1] is not ('-' or '\'');
            if ((!latinLetter && !joiner) || innerCapital)
            {
                return false;
            }
        }

        return true;
    }

    public static HashSet<string> ReadList(string file) =>
        new(File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#'), StringComparer.OrdinalIgnoreCase);

    public static string Header(string what) => string.Join('\n',
        $"# {what} from the locale data of Bogus 35.6.5 (NuGet Bogus, MIT licence, (c) Brian Chavez; data from faker.js, MIT),",
        $"# locales {string.Join(", ", Locales)}. Made by tests/SecurityKit.Detection.Pii.Tests/Gazetteers/LocaleNameLists.cs",
        "# (set PII_GAZETTEER_OUT to a folder and run LocaleNameListTests); a test checks this file is what it makes.",
        string.Empty);

    public static string Format(string what, IEnumerable<string> names) =>
        Header(what) + string.Join('\n', names.Order(StringComparer.Ordinal)) + "\n";

    /// <summary>
    /// Names of every list that are also common words, with the number of languages that have them. A name of the added
    /// locales is left out of the lists when one language has it (<c>Valid</c>); a name of the original lists is marked
    /// as a common word, needing more evidence, only when two languages have it, because Debian's word lists say whether
    /// a word exists, not how often it is used (the Dutch list has <c>jan</c>, <c>koen</c> and <c>wouter</c> in lower
    /// case). Counted per language: the English, Dutch and German lists write proper nouns
    /// with a capital, so a lower-case entry is a common word; the French list is all lower case, so its entry counts only
    /// when neither the English nor the Dutch list has the word as a proper noun (<c>marie</c>, <c>florence</c>). Will,
    /// Rose, Mark, Page, Port, Vie, Van are common; Jan, Thomas, Koen are not. A name not in the original lists
    /// (<paramref name="original"/>) is also common when it is a capitalised entry of the German list that neither the
    /// English nor the Dutch list has as a proper noun: a German noun (<c>Dekan</c>, <c>Schimmel</c>).
    /// </summary>
    /// <returns>Each common name with the number of languages that have it as a common word (a German noun counts 2).</returns>
    public static SortedDictionary<string, int> CommonWords(IEnumerable<string> names, ISet<string> original, string dictionaryFolder)
    {
        var lowerByLanguage = new List<HashSet<string>>();
        var proper = new HashSet<string>(StringComparer.Ordinal);
        var germanNouns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "american-english", "dutch", "ngerman" })
        {
            var lower = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(Path.Combine(dictionaryFolder, file)))
            {
                var w = line.Trim();
                if (w.Length == 0)
                {
                    continue;
                }

                if (char.IsLower(w[0]))
                {
                    lower.Add(w);
                }
                else if (file == "ngerman")
                {
                    germanNouns.Add(w);
                }
                else
                {
                    proper.Add(w);
                }
            }

            lowerByLanguage.Add(lower);
        }

        var french = new HashSet<string>(File.ReadLines(Path.Combine(dictionaryFolder, "french")).Select(l => l.Trim()), StringComparer.Ordinal);
        var common = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            var l = n.ToLower(CultureInfo.InvariantCulture);
            var languages = lowerByLanguage.Count(set => set.Contains(l)) + (french.Contains(l) && !proper.Contains(n) ? 1 : 0);
            if (germanNouns.Contains(n) && !proper.Contains(n) && !original.Contains(n))
            {
                languages = Math.Max(languages, 2);
            }

            if (languages > 0)
            {
                common[n] = languages;
            }
        }

        return common;
    }
}
