using Xunit.Abstractions;

namespace SecurityKit.Detection.Pii.Tests.Gazetteers;

/// <summary>
/// The <c>*.locales.txt</c> name lists and <c>common-words.names.txt</c> are made by <see cref="LocaleNameLists"/> from
/// Bogus: these tests check that the committed files are exactly what it makes. Set <c>PII_GAZETTEER_OUT</c> to a folder
/// to write regenerated files there (the common-word list is then made anew from Debian's word lists under
/// <c>/usr/share/dict</c>: packages wamerican, wdutch, wngerman, wfrench).
/// </summary>
public sealed class LocaleNameListTests(ITestOutputHelper output)
{
    private static string Resource(string name)
    {
        using var stream = typeof(PiiDetector).Assembly.GetManifestResourceStream($"SecurityKit.Detection.Pii.Gazetteers.Data.{name}")
            ?? throw new InvalidOperationException(name + " is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static HashSet<string> Words(string resource) =>
        new(Resource(resource).Split('\n').Select(l => l.Split('\t')[0].Trim()).Where(l => l.Length > 0 && l[0] != '#'), StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Locale_name_lists_are_what_Bogus_makes_without_stop_words_common_words_and_held_out_names()
    {
        var stopwords = Words("stopwords.txt");
        var common = Words("common-words.names.txt");
        var outputFolder = Environment.GetEnvironmentVariable("PII_GAZETTEER_OUT");
        var regenerate = !string.IsNullOrEmpty(outputFolder) && Directory.Exists(outputFolder);
        if (regenerate)
        {
            var all = LocaleNameLists.Names(LocaleNameLists.Locales.Concat(LocaleNameLists.OriginalLocales), surnames: false)
                .Concat(LocaleNameLists.Names(LocaleNameLists.Locales.Concat(LocaleNameLists.OriginalLocales), surnames: true))
                .Concat(Words("first-names.extra.txt")).Concat(Words("surnames.extra.txt"));
            var original = Words("first-names.bogus.txt");
            original.UnionWith(Words("first-names.extra.txt"));
            original.UnionWith(Words("surnames.bogus.txt"));
            original.UnionWith(Words("surnames.extra.txt"));
            var counted = LocaleNameLists.CommonWords(all.Where(LocaleNameLists.IsLatinWord), original, "/usr/share/dict");
            common = new HashSet<string>(counted.Keys, StringComparer.OrdinalIgnoreCase);
            File.WriteAllText(Path.Combine(outputFolder!, "common-words.names.txt"),
                "# Given names and surnames that are also common words in FR, NL, DE or EN (Debian word lists wfrench, wdutch,\n"
                + "# wngerman, wamerican), with the number of languages that have them. Names of the added locales listed here are\n"
                + "# left out of *.locales.txt; names listed with 2 or more need more evidence than the list alone.\n"
                + string.Join('\n', counted.Select(c => $"{c.Key}\t{c.Value}")) + "\n");
        }

        var firstExisting = Words("first-names.bogus.txt");
        firstExisting.UnionWith(Words("first-names.extra.txt"));
        var surnameExisting = Words("surnames.bogus.txt");
        surnameExisting.UnionWith(Words("surnames.extra.txt"));
        var firstNames = LocaleNameLists.Extract(surnames: false, firstExisting, stopwords, common);
        // A word already a given name is not repeated as a surname: the lexicon gives it both classes only when a
        // list says so.
        var surnames = LocaleNameLists.Extract(surnames: true, surnameExisting, stopwords, common);
        var firstText = LocaleNameLists.Format("Given names", firstNames);
        var surnameText = LocaleNameLists.Format("Surnames", surnames);
        if (regenerate)
        {
            File.WriteAllText(Path.Combine(outputFolder!, "first-names.locales.txt"), firstText);
            File.WriteAllText(Path.Combine(outputFolder!, "surnames.locales.txt"), surnameText);
        }

        output.WriteLine($"{firstNames.Count} given names, {surnames.Count} surnames, {common.Count} common words");
        Assert.Equal(firstText, Resource("first-names.locales.txt"));
        Assert.Equal(surnameText, Resource("surnames.locales.txt"));
    }

    [Fact]
    public void Every_common_word_entry_is_a_name_of_one_of_the_lists()
    {
        var names = LocaleNameLists.Names(LocaleNameLists.Locales.Concat(LocaleNameLists.OriginalLocales), surnames: false)
            .Concat(LocaleNameLists.Names(LocaleNameLists.Locales.Concat(LocaleNameLists.OriginalLocales), surnames: true))
            .Concat(Words("first-names.extra.txt")).Concat(Words("surnames.extra.txt"))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var common = Words("common-words.names.txt");
        Assert.NotEmpty(common);
        Assert.All(common, w => Assert.Contains(w, names));
    }
}
