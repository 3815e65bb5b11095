using SecurityKit.Detection.Pii.Evaluation;
using Xunit.Abstractions;

namespace SecurityKit.Detection.Pii.Tests.Corpus;

/// <summary>
/// The hard sets written in the second session (<c>Corpus/Hard</c>): other templates than the generated corpus,
/// languages mixed in one text, noise, line breaks inside entities, foreign formats. <c>hard-dev</c> may be used to find
/// missing rules; <c>hard-holdout</c> is only measured. <c>blind-s3</c> (third session) was written by someone who
/// never saw the rules, kept outside the repository and measured once on the session's final rules, then added here.
/// <c>names-dev4</c> (fourth session) was written and measured before that session's rules, then used to tune;
/// <c>names-check4</c> was written after them and measured once before two last general rules. <c>blind-s4</c> (fourth
/// session) was written by someone who never saw the rules nor the earlier sets, kept outside the repository while the
/// session's rules were written, and measured on them before and after; then added here and used to tune a second
/// round. <c>blind-s5</c>, written by a third engineer, was measured blind after each round, then added here.
/// The floors below are the measured figures rounded down, so that a change that loses ground fails; they are not the
/// issue's targets (see docs/pii.md for the figures).
/// </summary>
public sealed class HardCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Sets => new() { "hard-dev", "hard-holdout", "names-dev", "names-check", "blind-s3", "names-dev4", "names-check4", "blind-s4", "blind-s5" };

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Corpus", "Hard");

    private static List<LabelledText> Load(string set)
    {
        var lines = CorpusGenerator.HandwrittenLines(File.ReadAllText(Path.Combine(Folder, set + ".txt")), set, set);
        using var reader = new StringReader(string.Join('\n', lines));
        return PiiEvaluation.ReadCorpus(reader, set);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Committed_jsonl_is_what_the_markup_makes(string set)
    {
        var lines = CorpusGenerator.HandwrittenLines(File.ReadAllText(Path.Combine(Folder, set + ".txt")), set, set);
        // Set PII_CORPUS_OUT to a folder to write the regenerated files there.
        var outputFolder = Environment.GetEnvironmentVariable("PII_CORPUS_OUT");
        if (!string.IsNullOrEmpty(outputFolder) && Directory.Exists(outputFolder))
        {
            File.WriteAllLines(Path.Combine(outputFolder, set + ".jsonl"), lines);
        }

        Assert.Equal(lines, File.ReadAllLines(Path.Combine(Folder, set + ".jsonl")));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Hard_set_scores_do_not_fall_below_the_measured_floor(string set)
    {
        var scores = PiiEvaluation.Score(PiiDetector.Default, Load(set));
        foreach (var s in scores)
        {
            output.WriteLine($"{set} {s.Type.ToName(),-18} P={s.Precision:F3} R={s.Recall:F3} F1={s.F1:F3} tp={s.TruePositives} fp={s.FalsePositives} fn={s.FalseNegatives}");
        }

        var checksumTypes = scores.Where(s => s.Type is PiiEntityType.NationalNumber or PiiEntityType.EnterpriseNumber or PiiEntityType.Iban
            or PiiEntityType.PaymentCard or PiiEntityType.EidCardNumber).ToList();
        Assert.All(checksumTypes, s => Assert.True(s.Precision >= 0.97 && s.Recall >= 0.97, $"{s.Type}: P={s.Precision:F3} R={s.Recall:F3}"));

        // Floors are the figures measured after the fourth session's rules (2026-11-28, `pii eval`), rounded down to two
        // decimals (precision and the full scores held at 0.97 at least where they were higher): a change that loses
        // ground fails. Before/after figures per set are in docs/pii.md.
        var (personP, personR, addressP, addressR) = set switch
        {
            "hard-holdout" => (0.97, 0.97, 0.97, 0.97),
            "names-dev" => (0.97, 0.97, 0.97, 0.97),
            "names-check" => (0.97, 0.97, 0.97, 0.97),
            // blind-s3: PERSON 0.925 / 0.685 and ADDRESS 0.978 / 0.880 when it was blind (end of session 3); after
            // session 4 PERSON 0.947 / 0.881, ADDRESS 1.000 / 0.900; second round of session 4 PERSON 0.962 / 0.888.
            "blind-s3" => (0.96, 0.88, 0.97, 0.90),
            // names-dev4 (session 4): PERSON 0.969 / 0.626 before the session's rules, 0.990 / 0.960 after.
            "names-dev4" => (0.98, 0.95, 0.97, 0.97),
            // names-check4 (session 4, written after the rules): PERSON 0.970 / 0.865 at its first measurement, 0.973 /
            // 0.973 after three rules it suggested (a vocative before a comma, verbs of communication after a name,
            // unknown pairs in running text).
            "names-check4" => (0.97, 0.97, 0.97, 0.97),
            // blind-s4: PERSON 0.940 / 0.658 and ADDRESS 1.000 / 0.957 on session 3's rules, PERSON 0.932 / 0.863 and
            // ADDRESS 1.000 / 0.957 on session 4's (`pii eval`; the engineer writing the rules never saw the set or its
            // figures). Second round of session 4, with blind-s4 used as a dev set: PERSON 0.969 / 0.979.
            "blind-s4" => (0.96, 0.97, 0.99, 0.95),
            // blind-s5 (written in session 4 by a third engineer, after blind-s4 was handed to the rules): PERSON 0.932 /
            // 0.663 on session 3's rules, 0.947 / 0.855 after the first round of session 4, 0.974 / 0.898 after the second
            // (the engineer writing the rules never saw it). ADDRESS 0.879 / 0.879 → 1.000 / 1.000: its four address errors
            // (a floor or flat before the postcode, a German noun before a compound street) were read and fixed, so the
            // ADDRESS figure is not blind.
            "blind-s5" => (0.97, 0.89, 0.99, 0.99),
            _ => (0.97, 0.97, 0.97, 0.97),
        };
        var person = scores.Single(s => s.Type == PiiEntityType.Person);
        var address = scores.Single(s => s.Type == PiiEntityType.Address);
        Assert.True(person.Precision >= personP && person.Recall >= personR, $"PERSON: P={person.Precision:F3} R={person.Recall:F3}");
        Assert.True(address.Precision >= addressP && address.Recall >= addressR, $"ADDRESS: P={address.Precision:F3} R={address.Recall:F3}");
    }
}
