using System.Diagnostics;
using SecurityKit.Detection.Anomaly.Logs.Parsing;
using SecurityKit.Detection.Anomaly.Logs.Templates;

namespace SecurityKit.Detection.Anomaly.Logs.Evaluation;

/// <summary>Grouping accuracy of the miner on one Loghub system, mined from the raw log and from the Content column.</summary>
/// <param name="System">The system's name.</param>
/// <param name="Lines">Lines scored.</param>
/// <param name="TruthEvents">Ground-truth events.</param>
/// <param name="ContentOnlyEvents">Events found when mining the Content column (as <c>--content-only</c>).</param>
/// <param name="ContentOnlyAccuracy">Grouping accuracy when mining the Content column.</param>
/// <param name="RawEvents">Events found when mining the raw log with its header format, or -1 when not run (no format,
/// no raw log, or a raw log whose line count differs from the structured file's).</param>
/// <param name="RawAccuracy">Grouping accuracy when mining the raw log with its header format, or NaN.</param>
/// <param name="Elapsed">Time spent mining both.</param>
public sealed record SystemAccuracy(string System, int Lines, int TruthEvents, int ContentOnlyEvents, double ContentOnlyAccuracy, int RawEvents, double RawAccuracy, TimeSpan Elapsed);

/// <summary>Runs the miner over the Loghub development samples and scores its grouping.</summary>
public static class ParsingBenchmark
{
    /// <summary>Scores one system found in <paramref name="directory"/>.</summary>
    /// <param name="directory">Folder holding <c>X_2k.log</c> and <c>X_2k.log_structured.csv</c>.</param>
    /// <param name="system">The system.</param>
    /// <param name="options">Miner settings.</param>
    /// <returns>The accuracies.</returns>
    public static SystemAccuracy Evaluate(string directory, LoghubSystem system, TemplateMinerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var structured = Path.Combine(directory, system.Name + LoghubSystem.StructuredSuffix);
        if (!File.Exists(structured))
        {
            throw new SecurityKitException("Loghub structured file not found", Path.GetFileName(structured));
        }

        var sample = LoghubSample.Load(structured);
        var watch = Stopwatch.StartNew();
        var contentOnly = TemplateExtraction.Run(sample.Contents, options);
        var contentAccuracy = GroupingAccuracy.Compute(sample.EventIds, contentOnly.LineEvents);
        var rawEvents = -1;
        var rawAccuracy = double.NaN;
        var raw = Path.Combine(directory, system.Name + "_2k.log");
        if (system.Format is not null && File.Exists(raw))
        {
            using var reader = new StreamReader(raw);
            var extraction = TemplateExtraction.Run(reader, LogFormat.Parse(system.Format), options);
            if (extraction.LineEvents.Count == sample.EventIds.Count)
            {
                rawEvents = extraction.Templates.Count;
                rawAccuracy = GroupingAccuracy.Compute(sample.EventIds, extraction.LineEvents);
            }
        }

        watch.Stop();
        return new SystemAccuracy(system.Name, sample.EventIds.Count, sample.EventIds.Distinct().Count(), contentOnly.Templates.Count, contentAccuracy, rawEvents, rawAccuracy, watch.Elapsed);
    }
}
