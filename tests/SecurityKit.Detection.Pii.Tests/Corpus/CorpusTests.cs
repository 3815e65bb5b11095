using SecurityKit.Detection.Pii.Evaluation;
using SecurityKit.Detection.Pii.Gazetteers;

namespace SecurityKit.Detection.Pii.Tests.Corpus;

public sealed class CorpusTests
{
    private static string CorpusPath => Path.Combine(AppContext.BaseDirectory, "Corpus", CorpusGenerator.FileName);

    private static string Handwritten => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "handwritten.txt"));

    private static List<LabelledText> Load()
    {
        using var reader = File.OpenText(CorpusPath);
        return PiiEvaluation.ReadCorpus(reader);
    }

    [Fact]
    public void Committed_corpus_is_what_the_deterministic_generator_makes()
    {
        var generated = CorpusGenerator.GenerateLines(Handwritten);
        // Set PII_CORPUS_OUT to a path to write a regenerated corpus there (then copy it over Corpus/pii-corpus.jsonl).
        var output = Environment.GetEnvironmentVariable("PII_CORPUS_OUT");
        if (!string.IsNullOrEmpty(output))
        {
            File.WriteAllLines(output, generated);
        }

        Assert.Equal(generated, File.ReadAllLines(CorpusPath));
    }

    [Fact]
    public void Corpus_has_at_least_400_texts_in_the_planned_language_mix()
    {
        var lines = File.ReadAllLines(CorpusPath);
        var languages = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("lang").GetString()).ToList();
        Assert.True(lines.Length >= 400);
        double Share(string l) => languages.Count(x => x == l) / (double)languages.Count;
        Assert.InRange(Share("fr"), 0.36, 0.44);
        Assert.InRange(Share("nl"), 0.31, 0.39);
        Assert.InRange(Share("de"), 0.08, 0.12);
        Assert.InRange(Share("en"), 0.13, 0.17);
    }

    [Fact]
    public void Holdout_names_and_places_are_in_no_gazetteer()
    {
        var g = Gazetteer.Shared;
        Assert.DoesNotContain(HoldoutNames.FirstNames, n => g.IsFirstName(n) || g.IsSurname(n));
        Assert.DoesNotContain(HoldoutNames.Surnames, n => g.IsFirstName(n) || g.IsSurname(n) || n.Split(' ').Any(w => g.IsSurname(w)));
        Assert.DoesNotContain(HoldoutNames.Places, p => g.IsPlace(p.Name));
    }

    [Fact]
    public void Every_gold_span_lies_inside_its_text_and_spans_do_not_overlap()
    {
        foreach (var item in Load())
        {
            var ordered = item.Entities.OrderBy(e => e.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].Start >= ordered[i - 1].End, item.Id);
            }
        }
    }
}
