using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;

namespace SecurityKit.Benchmarks;

/// <summary>
/// Shared configuration: every suite reports ratios to its baseline (the machines are shared and noisy, so absolute
/// times are not compared across runs), operations per second and allocations.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.OperationsPerSecond);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
        Options |= ConfigOptions.JoinSummary;
    }
}
