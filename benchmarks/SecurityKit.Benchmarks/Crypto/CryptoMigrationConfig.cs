using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace SecurityKit.Benchmarks.Crypto;

/// <summary>
/// The shared configuration plus a short in-process job (about 80 cases must fit in a few minutes on a shared
/// machine) and the exporter that writes benchmarks/results/crypto-migration.md and its chart.
/// </summary>
public sealed class CryptoMigrationConfig : ManualConfig
{
    public CryptoMigrationConfig()
    {
        Add(new BenchmarkConfig());
        AddJob(Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithIterationTime(TimeInterval.FromMilliseconds(150))
            .WithId("short-inprocess"));
        AddExporter(new CryptoMigrationReportExporter());
    }

    /// <summary>Filters names by SECURITYKIT_BENCH_ALGORITHMS (comma-separated), when set.</summary>
    public static IEnumerable<string> Selected(IEnumerable<string> names)
    {
        var filter = Environment.GetEnvironmentVariable("SECURITYKIT_BENCH_ALGORITHMS");
        if (string.IsNullOrWhiteSpace(filter))
        {
            return names;
        }

        var wanted = filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Where(n => wanted.Contains(n, StringComparer.OrdinalIgnoreCase));
    }
}
