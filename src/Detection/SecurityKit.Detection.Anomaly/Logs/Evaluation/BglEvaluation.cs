using SecurityKit.Detection.Anomaly.Logs.Scoring;

namespace SecurityKit.Detection.Anomaly.Logs.Evaluation;

/// <summary>The figures of <see cref="BglEvaluation.Run"/>.</summary>
/// <param name="TrainEvents">Events in the earlier (training) part.</param>
/// <param name="TestEvents">Events in the later (test) part.</param>
/// <param name="Unsupervised">PCA + rarity scorer, fitted without labels on the training part.</param>
/// <param name="Supervised">FastTree fitted with labels on the training part.</param>
/// <param name="PcaOnly">The PCA scorer alone.</param>
/// <param name="RarityOnly">The rarity scorer alone.</param>
public sealed record BglResult(int TrainEvents, int TestEvents, DetectionMetrics Unsupervised, DetectionMetrics? Supervised, DetectionMetrics PcaOnly, DetectionMetrics RarityOnly);

/// <summary>
/// Evaluates the scorers on a labelled Loghub structured file (BGL: <c>Label</c> <c>-</c> = normal) with a
/// time-ordered split: events are ordered by <c>Timestamp</c>, the earlier share trains, the later share tests. Each
/// event is scored as a window of its own (the 2k sample is too sparse in time for per-node windows to hold more than
/// one event), with the node as entity.
/// </summary>
public static class BglEvaluation
{
    /// <summary>Runs the evaluation.</summary>
    /// <param name="structuredCsv">The structured CSV.</param>
    /// <param name="trainShare">Share of events (by time) used for training.</param>
    /// <param name="threshold">Alert threshold of the unsupervised score.</param>
    /// <returns>The metrics.</returns>
    public static BglResult Run(string structuredCsv, double trainShare = 0.7, double threshold = 0.99)
    {
        var sample = LoghubSample.Load(structuredCsv);
        if (sample.Labels.All(string.IsNullOrEmpty))
        {
            throw new SecurityKitException("the structured file has no Label column", Path.GetFileName(structuredCsv));
        }

        var order = Enumerable.Range(0, sample.Contents.Count)
            .OrderBy(i => LogEventReader.TryParseTime(sample.Timestamps[i], out var t) ? t : DateTimeOffset.MinValue)
            .ThenBy(i => i)
            .ToArray();
        var catalog = new TemplateCatalog();
        var events = new List<LogEvent>();
        var labels = new List<bool>();
        foreach (var i in order)
        {
            var template = catalog.Resolve(sample.Contents[i], out var text);
            var time = LogEventReader.TryParseTime(sample.Timestamps[i], out var t) ? t : DateTimeOffset.UnixEpoch;
            events.Add(new LogEvent(i + 1, time, template, text, string.Empty, MessageValues.Extract(sample.Contents[i])));
            labels.Add(sample.Labels[i] != "-");
        }

        var split = (int)(events.Count * trainShare);
        // Templates first seen in the test part are unknown to the model: index -1, as in scoring.
        var trainTemplates = events.Take(split).Select(e => e.Template).DefaultIfEmpty(-1).Max() + 1;
        var templates = catalog.Templates().Take(trainTemplates).ToList();
        IReadOnlyList<EventWindow> Windows(IEnumerable<LogEvent> es) => es.Select(e => EventWindow.Of(e.Template < trainTemplates ? e : e with { Template = -1 })).ToList();
        var train = Windows(events.Take(split));
        var test = Windows(events.Skip(split));
        var trainLabels = labels.Take(split).ToList();
        var testLabels = labels.Skip(split).ToList();

        var options = new LogScoringOptions { AlertThreshold = threshold };
        var unsupervised = LogAnomalyModel.Train(templates, train, options);
        var supervised = LogAnomalyModel.Train(templates, train, options, trainLabels);
        var scores = test.Select(unsupervised.Score).ToList();
        var supervisedScores = supervised.HasSupervised ? test.Select(w => supervised.Score(w).SupervisedScore ?? 0).ToList() : null;
        return new BglResult(
            split,
            test.Count,
            DetectionMetrics.Compute(scores.Select(s => s.Score).ToList(), testLabels, threshold),
            supervisedScores is null ? null : DetectionMetrics.Compute(supervisedScores, testLabels, 0.5),
            DetectionMetrics.Compute(scores.Select(s => s.PcaScore).ToList(), testLabels, threshold),
            DetectionMetrics.Compute(scores.Select(s => s.RarityScore).ToList(), testLabels, threshold));
    }
}
