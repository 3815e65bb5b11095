using BenchmarkDotNet.Attributes;
using SecurityKit.Detection.Anomaly.Logs.Evaluation;
using SecurityKit.Detection.Anomaly.Logs.Parsing;
using SecurityKit.Detection.Anomaly.Logs.Templates;

namespace SecurityKit.Benchmarks.Logs;

/// <summary>
/// Throughput of template mining on real Loghub lines (HDFS, BGL from ../shared/data/loghub, or
/// SECURITYKIT_SHARED_DATA): header parsing plus mining, and mining of the content alone. One operation mines
/// <see cref="LinesPerOperation"/> lines (the 2,000-line sample repeated), so lines/s = 20,000 × Op/s.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class TemplateMiningBenchmarks
{
    /// <summary>Lines mined per benchmark operation.</summary>
    public const int LinesPerOperation = 20_000;

    private string[] raw = [];
    private string[] contents = [];
    private LogFormat format = null!;

    [Params("HDFS", "BGL")]
    public string System { get; set; } = "HDFS";

    [GlobalSetup]
    public void Setup()
    {
        var dir = Environment.GetEnvironmentVariable("SECURITYKIT_SHARED_DATA") is { } d ? Path.Combine(d, "loghub") : FindLoghub();
        var system = LoghubSystem.Development.Single(s => s.Name == System);
        format = LogFormat.Parse(system.Format!);
        var lines = File.ReadAllLines(Path.Combine(dir, System + "_2k.log"));
        raw = Enumerable.Range(0, LinesPerOperation).Select(i => lines[i % lines.Length]).ToArray();
        contents = LoghubSample.Load(Path.Combine(dir, System + "_2k.log_structured.csv")).Contents.ToArray();
        contents = Enumerable.Range(0, LinesPerOperation).Select(i => contents[i % contents.Length]).ToArray();
    }

    [Benchmark(Baseline = true, Description = "mine content")]
    public int MineContent()
    {
        var miner = new TemplateMiner();
        var last = 0;
        foreach (var line in contents)
        {
            last = miner.Add(line);
        }

        return last;
    }

    [Benchmark(Description = "parse header + mine")]
    public int ParseAndMine()
    {
        var miner = new TemplateMiner();
        var last = 0;
        foreach (var line in raw)
        {
            last = format.TryParse(line, out var header) ? miner.Add(header.Content) : miner.Add(line);
        }

        return last;
    }

    internal static string FindLoghub()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecurityKit.sln")))
        {
            dir = dir.Parent;
        }

        return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "data", "loghub"));
    }
}
