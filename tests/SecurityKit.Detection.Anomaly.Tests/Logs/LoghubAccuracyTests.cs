using SecurityKit.Detection.Anomaly.Logs.Evaluation;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

/// <summary>
/// Grouping accuracy on the shared Loghub samples, mined from the Content column as <c>logs templates --content-only</c>
/// does. Floors sit a little under the figures measured when this test was written (docs/logs.md), so a regression fails.
/// </summary>
public sealed class LoghubAccuracyTests
{
    public static TheoryData<string, double> Floors => new()
    {
        { "HDFS", 0.99 },
        { "Hadoop", 0.96 },
        { "Spark", 0.99 },
        { "Zookeeper", 0.98 },
        { "BGL", 0.97 },
        { "Linux", 0.93 },
        { "Apache", 0.99 },
        { "OpenSSH", 0.99 },
    };

    [Theory]
    [MemberData(nameof(Floors))]
    public void Content_only_grouping_accuracy_stays_above_its_floor(string system, double floor)
    {
        var sample = LoghubSample.Load(SharedData.File("loghub", system + "_2k.log_structured.csv"));
        var result = Detection.Anomaly.Logs.Templates.TemplateExtraction.Run(sample.Contents);
        Assert.True(GroupingAccuracy.Compute(sample.EventIds, result.LineEvents) >= floor);
    }

    [Fact]
    public void Average_content_only_grouping_accuracy_on_the_eight_systems_is_at_least_0_985()
    {
        var accuracies = LoghubSystem.Development.Select(s =>
        {
            var sample = LoghubSample.Load(SharedData.File("loghub", s.Name + "_2k.log_structured.csv"));
            return GroupingAccuracy.Compute(sample.EventIds, Detection.Anomaly.Logs.Templates.TemplateExtraction.Run(sample.Contents).LineEvents);
        }).ToList();
        Assert.Equal(8, accuracies.Count);
        Assert.True(accuracies.Average() >= 0.985, $"average {accuracies.Average():F4}");
    }

    [Fact]
    public void Raw_logs_parsed_with_their_header_format_group_like_their_content()
    {
        var result = ParsingBenchmark.Evaluate(Path.Combine(SharedData.Directory, "loghub"), LoghubSystem.Development.Single(s => s.Name == "HDFS"));
        Assert.Equal(result.ContentOnlyAccuracy, result.RawAccuracy, 6);
    }
}
