using SecurityKit.Detection.Anomaly.Logs.Detectors;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

/// <summary>PCA with the Q-statistic and Invariant Mining on event-count vectors whose structure is known.</summary>
public sealed class ClassicDetectorTests
{
    [Theory]
    [InlineData(10, 0.99, 23.209)]
    [InlineData(5, 0.95, 11.070)]
    [InlineData(20, 0.999, 45.315)]
    public void The_Q_threshold_approximates_the_chi_square_quantile_when_residual_eigenvalues_are_equal(int dimensions, double confidence, double chiSquareQuantile)
    {
        // With m equal residual eigenvalues λ, SPE/λ is χ² with m degrees of freedom; Jackson–Mudholkar's
        // approximation is known to be within a few per cent of that quantile.
        var threshold = PcaSpeDetector.QThreshold(Enumerable.Repeat(1.0, dimensions).ToArray(), confidence);

        Assert.InRange(threshold / chiSquareQuantile, 0.97, 1.03);
    }

    [Fact]
    public void The_Q_threshold_is_zero_without_residual_variance()
    {
        Assert.Equal(0, PcaSpeDetector.QThreshold([0.0, 0.0], 0.999));
    }

    [Fact]
    public void PCA_flags_a_window_that_breaks_the_correlation_of_the_training_windows()
    {
        var training = Workflow(seed: 3, windows: 400);
        var detector = PcaSpeDetector.Fit(training);

        var broken = new double[] { 5, 0, 2, 0, 1 }; // five opens and no close
        var normal = new double[] { 3, 3, 2, 0, 1 };

        Assert.True(detector.IsAnomalous(broken));
        Assert.False(detector.IsAnomalous(normal));
        Assert.True(detector.Spe(broken) > 10 * detector.Spe(normal));
    }

    [Fact]
    public void PCA_raises_few_alarms_on_windows_like_the_training_ones()
    {
        var detector = PcaSpeDetector.Fit(Workflow(seed: 3, windows: 400));

        var alarms = Workflow(seed: 4, windows: 400).Count(detector.IsAnomalous);

        Assert.InRange(alarms, 0, 8); // 0.9995 confidence: a handful at most
    }

    [Fact]
    public void Invariant_mining_finds_that_opens_equal_closes()
    {
        var detector = InvariantMiningDetector.Fit(Workflow(seed: 5, windows: 300));

        var invariant = Assert.Single(detector.Invariants, i => i.Columns.SequenceEqual([0, 1]));
        Assert.Equal(0, invariant.Coefficients[0] + invariant.Coefficients[1]);
        Assert.NotEqual(0, invariant.Coefficients[0]);
    }

    [Fact]
    public void Invariant_mining_flags_a_window_with_an_unmatched_open_and_not_a_matched_one()
    {
        var detector = InvariantMiningDetector.Fit(Workflow(seed: 5, windows: 300));

        Assert.True(detector.Violations([4, 3, 1, 0, 1]) >= 1);
        Assert.Equal(0, detector.Violations([4, 4, 1, 0, 1]));
    }

    [Fact]
    public void Invariant_mining_finds_nothing_when_the_counts_have_full_rank()
    {
        // One event per window, each type alone: no linear relation holds, as with BGL lines scored one by one.
        var oneHot = Enumerable.Range(0, 90).Select(i => Enumerable.Range(0, 3).Select(j => j == i % 3 ? 1.0 : 0.0).ToArray()).ToList();

        Assert.Empty(InvariantMiningDetector.Fit(oneHot).Invariants);
    }

    /// <summary>
    /// Windows of a toy workflow: n opens and n closes (n = 0 in about one window in six, so TF-IDF keeps them),
    /// a random number of reads, a rare retry, one heartbeat.
    /// </summary>
    private static List<double[]> Workflow(int seed, int windows)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, windows).Select(_ =>
        {
            var n = random.Next(0, 6);
            return new double[] { n, n, random.Next(0, 4), random.NextDouble() < 0.1 ? 1 : 0, 1 };
        }).ToList();
    }
}
