using SecurityKit.Detection.Anomaly.Logs.Detectors;
using SecurityKit.Detection.Anomaly.Logs.Scoring;

namespace SecurityKit.Detection.Anomaly.Logs.Evaluation;

/// <summary>One detector's figures in one window setting.</summary>
/// <param name="Setting">How lines were grouped (e.g. "each line", "6 h windows").</param>
/// <param name="Detector">The detector.</param>
/// <param name="Metrics">Precision, recall, F1 at the detector's own threshold, and PR-AUC of its score.</param>
/// <param name="Note">What the threshold is, or why the detector found nothing.</param>
public sealed record ClassicDetectorResult(string Setting, string Detector, DetectionMetrics Metrics, string Note);

/// <summary>
/// The scorers of this library next to the classic detectors of loglizer (He et al., ISSRE 2016) on a labelled
/// Loghub structured file, in two window settings, each with a time-ordered split (the earlier
/// <c>trainShare</c> of the windows fits, the rest tests; no labels are used except by FastTree):
/// <list type="bullet">
/// <item><b>each line</b>: every line is its own window (as <see cref="BglEvaluation"/>);</item>
/// <item><b>fixed time windows</b> of <c>windowHours</c> over all nodes (loglizer's BGL setting uses 6 h), a window
/// anomalous when any of its lines is; empty windows are skipped.</item>
/// </list>
/// Detectors: this library's combined score (RandomizedPca + rarity, threshold 0.99 on the baseline CDF), PCA on
/// TF-IDF-weighted event counts with the SPE / Q-statistic threshold (<see cref="PcaSpeDetector"/>), Invariant
/// Mining (<see cref="InvariantMiningDetector"/>), and supervised FastTree.
/// </summary>
public static class ClassicDetectorEvaluation
{
    /// <summary>Runs the comparison.</summary>
    /// <param name="structuredCsv">A Loghub structured CSV with <c>Label</c> and <c>Timestamp</c> columns.</param>
    /// <param name="trainShare">Share of windows (by time) used for fitting.</param>
    /// <param name="windowHours">Length of the fixed time windows.</param>
    /// <param name="confidence">Confidence level of the Q-statistic threshold.</param>
    /// <returns>One row per setting and detector.</returns>
    public static IReadOnlyList<ClassicDetectorResult> Run(string structuredCsv, double trainShare = 0.7, double windowHours = 6, double confidence = 0.9995)
    {
        var sample = LoghubSample.Load(structuredCsv);
        if (sample.Labels.All(string.IsNullOrEmpty))
        {
            throw new SecurityKitException("the structured file has no Label column", Path.GetFileName(structuredCsv));
        }

        var order = Enumerable.Range(0, sample.Contents.Count)
            .Select(i => (Index: i, Time: LogEventReader.TryParseTime(sample.Timestamps[i], out var t) ? t : DateTimeOffset.UnixEpoch))
            .OrderBy(x => x.Time)
            .ThenBy(x => x.Index)
            .ToArray();
        var catalog = new TemplateCatalog();
        var events = new List<(LogEvent Event, bool Anomalous)>();
        foreach (var (i, time) in order)
        {
            var template = catalog.Resolve(sample.Contents[i], out var text);
            events.Add((new LogEvent(i + 1, time, template, text, string.Empty, MessageValues.Extract(sample.Contents[i])), sample.Labels[i] != "-"));
        }

        var results = new List<ClassicDetectorResult>();
        var perLine = events.Select(e => (Events: (IReadOnlyList<LogEvent>)[e.Event], e.Anomalous)).ToList();
        results.AddRange(Evaluate("each line", perLine, catalog, trainShare, confidence));

        var span = TimeSpan.FromHours(windowHours);
        var windows = events
            .GroupBy(e => e.Event.Time.UtcTicks / span.Ticks)
            .OrderBy(g => g.Key)
            .Select(g => (Events: (IReadOnlyList<LogEvent>)g.Select(e => e.Event).ToList(), Anomalous: g.Any(e => e.Anomalous)))
            .ToList();
        results.AddRange(Evaluate($"{windowHours:0.#} h windows", windows, catalog, trainShare, confidence));
        return results;
    }

    private static IEnumerable<ClassicDetectorResult> Evaluate(
        string setting, List<(IReadOnlyList<LogEvent> Events, bool Anomalous)> windows, TemplateCatalog catalog, double trainShare, double confidence)
    {
        var split = (int)(windows.Count * trainShare);
        var trainEvents = windows.Take(split).SelectMany(w => w.Events).ToList();
        // Templates first seen in the test part are unknown to the models (index -1), as in scoring.
        var known = trainEvents.Select(e => e.Template).DefaultIfEmpty(-1).Max() + 1;
        EventWindow ToWindow(IReadOnlyList<LogEvent> es)
        {
            var w = new EventWindow(string.Empty, es[0].Time, es[^1].Time);
            foreach (var e in es)
            {
                w.Add(e.Template < known ? e : e with { Template = -1 });
            }

            return w;
        }

        var train = windows.Take(split).Select(w => ToWindow(w.Events)).ToList();
        var test = windows.Skip(split).Select(w => ToWindow(w.Events)).ToList();
        var trainLabels = windows.Take(split).Select(w => w.Anomalous).ToList();
        var testLabels = windows.Skip(split).Select(w => w.Anomalous).ToList();
        var templates = catalog.Templates().Take(known).ToList();

        var options = new LogScoringOptions();
        var model = LogAnomalyModel.Train(templates, train, options, trainLabels);
        var scores = test.Select(model.Score).ToList();
        var label = $"{setting} (train {train.Count}, test {test.Count}, {testLabels.Count(l => l)} anomalous)";
        yield return new(label, "SecurityKit max(RandomizedPca, rarity)", DetectionMetrics.Compute(scores.Select(s => s.Score).ToList(), testLabels, options.AlertThreshold), "threshold 0.99 of the baseline CDF");
        yield return new(label, "  RandomizedPca alone", DetectionMetrics.Compute(scores.Select(s => s.PcaScore).ToList(), testLabels, options.AlertThreshold), "threshold 0.99 of the baseline CDF");
        // An alternative combination, reported for comparison (not the model's rule): both scorers must agree.
        yield return new(label, "  mean(RandomizedPca, rarity)", DetectionMetrics.Compute(scores.Select(s => (s.PcaScore + s.RarityScore) / 2).ToList(), testLabels, options.AlertThreshold), "threshold 0.99 on the mean of the two calibrated scores");
        yield return new(label, "  rarity alone", DetectionMetrics.Compute(scores.Select(s => s.RarityScore).ToList(), testLabels, options.AlertThreshold), "threshold 0.99 of the baseline CDF");

        var trainCounts = EventCountMatrix.Build(train, known);
        var testCounts = EventCountMatrix.Build(test, known);
        var pca = PcaSpeDetector.Fit(trainCounts, confidence);
        yield return new(label, "PCA, TF-IDF counts, SPE > Q", DetectionMetrics.Compute(testCounts.Select(pca.Spe).ToList(), testLabels, Math.BitIncrement(pca.Threshold)),
            $"{pca.Components} components ({PcaSpeDetector.VarianceKept:P0} variance), Q = {pca.Threshold:G4} at confidence {confidence}");

        var invariants = InvariantMiningDetector.Fit(trainCounts);
        yield return new(label, "Invariant Mining", DetectionMetrics.Compute(testCounts.Select(c => (double)invariants.Violations(c)).ToList(), testLabels, 1),
            invariants.Invariants.Count == 0 ? "no invariant found (the count matrix has full column rank)" : $"{invariants.Invariants.Count} invariants, flagged when one breaks");

        if (model.HasSupervised)
        {
            yield return new(label, "supervised FastTree", DetectionMetrics.Compute(test.Select(w => model.Score(w).SupervisedScore ?? 0).ToList(), testLabels, 0.5), "threshold 0.5");
        }
    }
}
