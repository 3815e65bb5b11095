namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>Metrics of a ranking against binary outcomes: average precision (area under the precision–recall curve) and precision at k.</summary>
public static class RankingMetrics
{
    /// <summary>
    /// Average precision: the mean, over the positives, of the precision at each positive's rank when items are
    /// sorted by decreasing score (ties keep input order). Equals the step-wise area under the precision–recall curve.
    /// </summary>
    /// <param name="scores">Scores, higher is riskier.</param>
    /// <param name="positives">Outcomes.</param>
    /// <returns>Average precision in [0, 1]; 0 when there is no positive.</returns>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> positives)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positives);
        var order = Order(scores);
        double hits = 0, sum = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (positives[order[i]])
            {
                hits++;
                sum += hits / (i + 1);
            }
        }

        return hits == 0 ? 0 : sum / hits;
    }

    /// <summary>Share of positives among the <paramref name="k"/> highest scores.</summary>
    /// <param name="scores">Scores, higher is riskier.</param>
    /// <param name="positives">Outcomes.</param>
    /// <param name="k">Number of top items (at least 1).</param>
    /// <returns>Precision at k.</returns>
    public static double PrecisionAt(IReadOnlyList<double> scores, IReadOnlyList<bool> positives, int k)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positives);
        var order = Order(scores);
        k = Math.Clamp(k, 1, Math.Max(1, order.Length));
        var hits = 0;
        for (var i = 0; i < Math.Min(k, order.Length); i++)
        {
            hits += positives[order[i]] ? 1 : 0;
        }

        return (double)hits / k;
    }

    /// <summary>k for a share of the items: at least 1.</summary>
    /// <param name="count">Number of items.</param>
    /// <param name="share">Share, e.g. 0.01.</param>
    /// <returns>k.</returns>
    public static int TopK(int count, double share) => Math.Max(1, (int)Math.Round(count * share));

    private static int[] Order(IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        var keys = order.Select(i => -scores[i]).ToArray();
        Array.Sort(keys, order); // unstable, so re-sort ties by index for determinism
        return [.. order.Select((index, position) => (index, key: keys[position])).OrderBy(p => p.key).ThenBy(p => p.index).Select(p => p.index)];
    }
}
