namespace SecurityKit.Detection.Anomaly.Logs.Evaluation;

/// <summary>Precision, recall and F1 at a threshold, and the area under the precision-recall curve.</summary>
/// <param name="Threshold">Score from which an item is flagged.</param>
/// <param name="Precision">Flagged items that are anomalous.</param>
/// <param name="Recall">Anomalous items that are flagged.</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
/// <param name="PrAuc">Area under the precision-recall curve (average precision: Σ (Rₙ − Rₙ₋₁) Pₙ over ranks).</param>
/// <param name="Positives">Anomalous items.</param>
/// <param name="Items">Items scored.</param>
public sealed record DetectionMetrics(double Threshold, double Precision, double Recall, double F1, double PrAuc, int Positives, int Items)
{
    /// <summary>Computes the metrics.</summary>
    /// <param name="scores">Scores.</param>
    /// <param name="labels">Labels (true = anomalous).</param>
    /// <param name="threshold">Threshold.</param>
    /// <returns>The metrics.</returns>
    public static DetectionMetrics Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException("one label per score", nameof(labels));
        }

        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var flagged = scores[i] >= threshold;
            if (flagged && labels[i])
            {
                tp++;
            }
            else if (flagged)
            {
                fp++;
            }
            else if (labels[i])
            {
                fn++;
            }
        }

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new DetectionMetrics(threshold, precision, recall, f1, AveragePrecision(scores, labels), labels.Count(l => l), scores.Count);
    }

    /// <summary>Average precision; ties in score are taken together (no credit for a lucky order).</summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var positives = labels.Count(l => l);
        if (positives == 0)
        {
            return 0;
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double ap = 0, previousRecall = 0;
        int tp = 0, seen = 0;
        for (var k = 0; k < order.Length;)
        {
            var score = scores[order[k]];
            while (k < order.Length && scores[order[k]] == score)
            {
                tp += labels[order[k]] ? 1 : 0;
                seen++;
                k++;
            }

            var recall = (double)tp / positives;
            ap += (recall - previousRecall) * tp / seen;
            previousRecall = recall;
        }

        return ap;
    }
}
