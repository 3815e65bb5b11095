using SecurityKit.Detection.Anomaly.Logs.Evaluation;
using SecurityKit.Detection.Anomaly.Logs.Scenario;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

public sealed class ScenarioAndEvaluationTests
{
    [Fact]
    public void Planted_access_misuse_ranks_at_the_top()
    {
        var generator = new AccessLogGenerator(seed: 11);
        var (baseline, test, planted) = generator.Generate(new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc));
        var scorer = new AccessScenarioScorer(generator.OwnRecords, generator.Teams);
        scorer.Fit(baseline);
        var ranked = scorer.Score(test);
        var k = planted.Select(p => (p.Agent, p.Hour)).Distinct().Count();
        Assert.True(AccessScenarioScorer.PrecisionAtK(ranked, planted, k) >= 0.75);
    }

    [Fact]
    public void The_generator_is_deterministic_for_a_seed()
    {
        var start = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new AccessLogGenerator(5).Generate(start, 3, 2).Test, new AccessLogGenerator(5).Generate(start, 3, 2).Test);
    }

    [Fact]
    public void Unreadable_access_lines_are_counted_not_fatal()
    {
        var generator = new AccessLogGenerator(seed: 2);
        var (baseline, _, _) = generator.Generate(new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), 5, 1);
        var scorer = new AccessScenarioScorer(generator.OwnRecords, generator.Teams);
        scorer.Fit([.. baseline, "garbage", "\0\0\0", string.Empty]);
        Assert.Equal(3, scorer.BadLines);
    }

    [Fact]
    public void Average_precision_of_a_perfect_ranking_is_one()
    {
        Assert.Equal(1.0, DetectionMetrics.AveragePrecision([0.9, 0.8, 0.1], [true, true, false]), 10);
    }

    [Fact]
    public void Tied_scores_get_no_credit_for_order()
    {
        Assert.Equal(0.5, DetectionMetrics.AveragePrecision([0.5, 0.5], [true, false]), 10);
    }

    [Fact]
    public void Supervised_scorer_on_bgl_beats_chance_on_the_later_period()
    {
        var result = BglEvaluation.Run(SharedData.File("loghub", "BGL_2k.log_structured.csv"));
        var prevalence = (double)result.Supervised!.Positives / result.Supervised.Items;
        Assert.True(result.Supervised.PrAuc > 2 * prevalence);
        Assert.True(result.Unsupervised.PrAuc > 2 * prevalence);
    }
}
