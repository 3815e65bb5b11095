using SecurityKit.Detection.Anomaly.Logs.Evaluation;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

/// <summary>
/// <c>logs accuracy</c> also scores samples of systems other than the eight shared ones found in its data folder, so the
/// miner can be measured on logs it was never developed on.
/// </summary>
public sealed class LoghubFolderTests
{
    [Fact]
    public void Other_samples_of_the_folder_are_listed_by_name_without_the_shared_systems()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("Zeta_2k.log_structured.csv"), "Content,EventId\n");
        File.WriteAllText(folder.File("Alpha_2k.log_structured.csv"), "Content,EventId\n");
        File.WriteAllText(folder.File("HDFS_2k.log_structured.csv"), "Content,EventId\n");
        File.WriteAllText(folder.File("Alpha_2k.log_templates.csv"), "EventId,EventTemplate\n");

        var systems = LoghubFolder.OtherSystems(folder.Path, out var warnings);

        Assert.Equal(["Alpha", "Zeta"], systems.Select(s => s.Name));
        Assert.All(systems, s => Assert.Null(s.Format));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Formats_file_gives_the_raw_header_format_and_reports_lines_it_cannot_read()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("Alpha_2k.log_structured.csv"), "Content,EventId\n");
        File.WriteAllText(folder.File(LoghubFolder.FormatsFile), "# comment\nAlpha\t<Date> <Time> <Content>\nno tab here\n");

        var systems = LoghubFolder.OtherSystems(folder.Path, out var warnings);

        Assert.Equal("<Date> <Time> <Content>", Assert.Single(systems).Format);
        Assert.Contains("line 3", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_system_with_a_format_is_scored_on_its_raw_log_too()
    {
        using var folder = new TemporaryDirectory();
        File.Copy(SharedData.File("loghub", "HDFS_2k.log_structured.csv"), folder.File("Other_2k.log_structured.csv"));
        File.Copy(SharedData.File("loghub", "HDFS_2k.log"), folder.File("Other_2k.log"));
        var format = LoghubSystem.Development.Single(s => s.Name == "HDFS").Format;

        var withFormat = ParsingBenchmark.Evaluate(folder.Path, new LoghubSystem("Other", format));
        var contentOnly = ParsingBenchmark.Evaluate(folder.Path, new LoghubSystem("Other", null));

        Assert.Equal(withFormat.ContentOnlyAccuracy, withFormat.RawAccuracy, 6);
        Assert.Equal(-1, contentOnly.RawEvents);
        Assert.True(double.IsNaN(contentOnly.RawAccuracy));
    }

    [Fact]
    public void A_structured_file_whose_rows_do_not_match_its_header_gives_a_typed_error_naming_the_file()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("Bad_2k.log_structured.csv"), "Content,EventId\n\"unclosed,E1\n");

        var error = Assert.Throws<SecurityKitException>(() => LoghubSample.Load(folder.File("Bad_2k.log_structured.csv")));

        Assert.Equal("Bad_2k.log_structured.csv", error.Location);
        Assert.DoesNotContain("unclosed", error.Message, StringComparison.Ordinal);
    }
}
