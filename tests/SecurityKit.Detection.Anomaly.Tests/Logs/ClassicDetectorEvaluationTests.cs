using SecurityKit.Detection.Anomaly.Logs.Evaluation;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

/// <summary>The comparison with loglizer's detectors on the shared BGL sample (time-ordered split, no tuning).</summary>
public sealed class ClassicDetectorEvaluationTests
{
    private static readonly Lazy<IReadOnlyList<ClassicDetectorResult>> Results =
        new(() => ClassicDetectorEvaluation.Run(SharedData.File("loghub", "BGL_2k.log_structured.csv")));

    [Fact]
    public void Both_window_settings_are_evaluated_with_every_detector()
    {
        var settings = Results.Value.GroupBy(r => r.Setting).ToList();

        Assert.Equal(2, settings.Count);
        Assert.All(settings, s => Assert.Contains(s, r => r.Detector.StartsWith("PCA, TF-IDF counts", StringComparison.Ordinal)));
        Assert.All(settings, s => Assert.Contains(s, r => r.Detector == "Invariant Mining"));
    }

    [Fact]
    public void The_Q_statistic_PCA_ranks_anomalies_above_chance_in_both_settings()
    {
        foreach (var row in Results.Value.Where(r => r.Detector.StartsWith("PCA, TF-IDF counts", StringComparison.Ordinal)))
        {
            var prevalence = (double)row.Metrics.Positives / row.Metrics.Items;
            Assert.True(row.Metrics.PrAuc > prevalence, $"{row.Setting}: PR-AUC {row.Metrics.PrAuc:F3} vs prevalence {prevalence:F3}");
        }
    }

    [Fact]
    public void Scoring_lines_one_by_one_leaves_invariant_mining_nothing_to_mine()
    {
        var perLine = Assert.Single(Results.Value, r => r.Setting.StartsWith("each line", StringComparison.Ordinal) && r.Detector == "Invariant Mining");

        Assert.StartsWith("no invariant found", perLine.Note, StringComparison.Ordinal);
        Assert.Equal(0, perLine.Metrics.Recall);
    }
}
