using BenchmarkDotNet.Attributes;
using SecurityKit.Detection.Anomaly.Logs.Evaluation;
using SecurityKit.Detection.Anomaly.Logs.Scoring;

namespace SecurityKit.Benchmarks.Logs;

/// <summary>
/// End-to-end log scoring throughput (issue 9: ≥ 100,000 lines/s on one core): raw line → header → template →
/// entity window → features → RandomizedPca + rarity score with reasons, for <see cref="LinesPerOperation"/> lines
/// of real Loghub data (the 2,000-line sample repeated) against a model trained on the sample. The line number counts
/// as seconds (10-minute windows per HDFS block or BGL node), so most windows hold one or two events: close to the
/// worst case, where every line pays for a window's scoring. lines/s = 20,000 × Op/s.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class LogScoringBenchmarks
{
    /// <summary>Lines scored per benchmark operation.</summary>
    public const int LinesPerOperation = 20_000;

    private string[] lines = [];
    private LogAnomalyModel model = null!;

    [Params("HDFS", "BGL")]
    public string System { get; set; } = "HDFS";

    [GlobalSetup]
    public void Setup()
    {
        var dir = Environment.GetEnvironmentVariable("SECURITYKIT_SHARED_DATA") is { } d ? Path.Combine(d, "loghub") : TemplateMiningBenchmarks.FindLoghub();
        var system = LoghubSystem.Development.Single(s => s.Name == System);
        var options = new LogScoringOptions
        {
            LogFormat = system.Format,
            Entity = System == "HDFS" ? EntityKind.Block : EntityKind.Field,
            EntityField = System == "HDFS" ? null : "Node",
        };
        var sample = File.ReadAllLines(Path.Combine(dir, System + "_2k.log"));
        var catalog = new TemplateCatalog();
        var reader = new LogEventReader(options, catalog);
        var aggregator = new WindowAggregator(options);
        var windows = new List<EventWindow>();
        foreach (var line in sample)
        {
            windows.AddRange(aggregator.Add(reader.Parse(line)));
        }

        windows.AddRange(aggregator.Flush());
        model = LogAnomalyModel.Train(catalog.Templates(), windows, options);
        lines = Enumerable.Range(0, LinesPerOperation).Select(i => sample[i % sample.Length]).ToArray();
    }

    [Benchmark(Description = "parse + template + window + score")]
    public double ScoreLines()
    {
        var reader = new LogEventReader(model.Options, new TemplateCatalog(model.Features.Templates));
        var aggregator = new WindowAggregator(model.Options);
        var total = 0.0;
        foreach (var line in lines)
        {
            foreach (var window in aggregator.Add(reader.Parse(line)))
            {
                total += model.Score(window).Score;
            }
        }

        foreach (var window in aggregator.Flush())
        {
            total += model.Score(window).Score;
        }

        return total;
    }
}
