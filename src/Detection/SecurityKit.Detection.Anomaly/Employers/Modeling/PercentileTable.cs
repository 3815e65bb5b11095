namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>Empirical distribution of a score in the training population, kept as 1,001 quantiles.</summary>
internal sealed class PercentileTable
{
    public PercentileTable(float[] quantiles)
    {
        Quantiles = quantiles;
    }

    public float[] Quantiles { get; }

    public static PercentileTable Fit(IEnumerable<float> values)
    {
        var sorted = values.Where(v => !float.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new PercentileTable([0]);
        }

        var quantiles = new float[1001];
        for (var i = 0; i < quantiles.Length; i++)
        {
            quantiles[i] = sorted[(int)Math.Round(i / 1000.0 * (sorted.Length - 1))];
        }

        return new PercentileTable(quantiles);
    }

    /// <summary>Share of the population at or below <paramref name="value"/>, interpolated between quantiles.</summary>
    public double Percentile(float value)
    {
        if (float.IsNaN(value))
        {
            return 0;
        }

        var q = Quantiles;
        if (value < q[0])
        {
            return 0;
        }

        if (value >= q[^1])
        {
            return 1;
        }

        // Mid-rank of ties, so that a crowd of equal values (many zeros) does not look extreme.
        var lo = LowerBound(q, value);
        var hi = UpperBound(q, value);
        if (hi > lo)
        {
            return ((lo + hi) / 2.0) / (q.Length - 1);
        }

        var below = q[lo - 1];
        var above = q[lo];
        var fraction = above > below ? (value - below) / (above - below) : 0;
        return (lo - 1 + fraction) / (q.Length - 1);
    }

    private static int LowerBound(float[] q, float value)
    {
        int lo = 0, hi = q.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (q[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(float[] q, float value)
    {
        int lo = 0, hi = q.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (q[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
