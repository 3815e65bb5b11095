namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>
/// Maps a raw score to [0, 1] by its rank among the baseline's scores (the empirical distribution function), so that
/// scores of different scorers are comparable: 0.99 means "higher than 99 % of the baseline". Above the baseline's
/// maximum it keeps rising towards 1 without reaching it.
/// </summary>
internal static class EmpiricalCalibration
{
    public static double[] Fit(IEnumerable<double> baseline)
    {
        var sorted = baseline.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public static double Apply(double[] sorted, double raw)
    {
        if (sorted.Length == 0 || double.IsNaN(raw))
        {
            return 0;
        }

        var n = sorted.Length;
        var max = sorted[^1];
        if (raw > max)
        {
            var excess = max > 0 ? raw / max : 1 + raw - max;
            return 1 - (0.5 / (n + 1) / Math.Max(1, excess));
        }

        var le = UpperBound(sorted, raw);
        return le / (n + 1.0);
    }

    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x)
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
