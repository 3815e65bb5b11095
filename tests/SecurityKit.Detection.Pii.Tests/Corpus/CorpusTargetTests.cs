using SecurityKit.Detection.Pii.Evaluation;

namespace SecurityKit.Detection.Pii.Tests.Corpus;

public sealed class CorpusTargetTests
{
    private static IReadOnlyList<TypeScore> Scores(string? split)
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Corpus", CorpusGenerator.FileName));
        var texts = PiiEvaluation.ReadCorpus(reader).Where(t => split is null || t.Split == split);
        return PiiEvaluation.Score(PiiDetector.Default, texts);
    }

    [Theory]
    [InlineData("holdout")]
    [InlineData(null)]
    public void Checksum_types_reach_097_precision_and_recall(string? split)
    {
        foreach (var s in Scores(split).Where(s => s.Type is PiiEntityType.NationalNumber or PiiEntityType.EnterpriseNumber or PiiEntityType.Iban or PiiEntityType.PaymentCard or PiiEntityType.EidCardNumber))
        {
            Assert.True(s.Precision >= 0.97 && s.Recall >= 0.97, $"{s.Type}: P={s.Precision:F3} R={s.Recall:F3}");
        }
    }

    [Theory]
    [InlineData("holdout")]
    [InlineData(null)]
    public void Persons_and_addresses_reach_090_precision_and_085_recall(string? split)
    {
        foreach (var s in Scores(split).Where(s => s.Type is PiiEntityType.Person or PiiEntityType.Address))
        {
            Assert.True(s.Precision >= 0.90 && s.Recall >= 0.85, $"{s.Type}: P={s.Precision:F3} R={s.Recall:F3}");
        }
    }
}
