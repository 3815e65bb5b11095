namespace SecurityKit.Detection.Anomaly.Logs.Evaluation;

/// <summary>
/// Grouping accuracy, the usual log-parsing score (Zhu et al., ICSE-SEIP 2019): a line is parsed correctly when the
/// set of lines its parser group holds equals the set of lines that carry its ground-truth event; the score is the
/// share of lines parsed correctly.
/// </summary>
public static class GroupingAccuracy
{
    /// <summary>Computes the grouping accuracy.</summary>
    /// <param name="truth">Ground-truth event of each line.</param>
    /// <param name="predicted">Parser group of each line.</param>
    /// <returns>The share of correctly grouped lines, in [0, 1]; 1 for no lines.</returns>
    public static double Compute<TTruth, TPredicted>(IReadOnlyList<TTruth> truth, IReadOnlyList<TPredicted> predicted)
        where TTruth : notnull
        where TPredicted : notnull
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException("truth and prediction must cover the same lines", nameof(predicted));
        }

        if (truth.Count == 0)
        {
            return 1.0;
        }

        var truthSizes = new Dictionary<TTruth, int>();
        foreach (var t in truth)
        {
            truthSizes[t] = truthSizes.GetValueOrDefault(t) + 1;
        }

        // For each predicted group: its size, and whether all its lines share one truth event.
        var groups = new Dictionary<TPredicted, (TTruth Truth, int Size, bool Pure)>();
        for (var i = 0; i < truth.Count; i++)
        {
            if (groups.TryGetValue(predicted[i], out var g))
            {
                groups[predicted[i]] = (g.Truth, g.Size + 1, g.Pure && EqualityComparer<TTruth>.Default.Equals(g.Truth, truth[i]));
            }
            else
            {
                groups[predicted[i]] = (truth[i], 1, true);
            }
        }

        long correct = 0;
        foreach (var g in groups.Values)
        {
            if (g.Pure && truthSizes[g.Truth] == g.Size)
            {
                correct += g.Size;
            }
        }

        return (double)correct / truth.Count;
    }
}
