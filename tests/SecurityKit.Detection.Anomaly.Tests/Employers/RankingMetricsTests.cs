using FsCheck.Xunit;
using SecurityKit.Detection.Anomaly.Employers;

namespace SecurityKit.Detection.Anomaly.Tests.Employers;

public sealed class RankingMetricsTests
{
    [Fact]
    public void Average_precision_of_a_perfect_ranking_is_1()
    {
        Assert.Equal(1.0, RankingMetrics.AveragePrecision([0.9, 0.8, 0.1, 0.0], [true, true, false, false]));
    }

    [Fact]
    public void Average_precision_averages_the_precision_at_each_positive()
    {
        // Positives at ranks 1 and 3: (1/1 + 2/3) / 2.
        Assert.Equal((1 + (2.0 / 3)) / 2, RankingMetrics.AveragePrecision([0.9, 0.8, 0.7, 0.1], [true, false, true, false]), 12);
    }

    [Fact]
    public void Precision_at_k_counts_positives_among_the_top_k()
    {
        Assert.Equal(0.5, RankingMetrics.PrecisionAt([0.9, 0.8, 0.7, 0.1], [true, false, true, false], 2));
    }

    [Property]
    public bool Average_precision_lies_between_0_and_1(double[] scores, bool[] outcomes)
    {
        var n = Math.Min(scores.Length, outcomes.Length);
        var s = scores.Take(n).Select(v => double.IsNaN(v) ? 0 : v).ToArray();
        var ap = RankingMetrics.AveragePrecision(s, [.. outcomes.Take(n)]);
        return ap is >= 0 and <= 1;
    }
}
