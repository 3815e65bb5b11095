using SecurityKit.Detection.Anomaly.Logs.Parsing;
using SecurityKit.Detection.Anomaly.Logs.Templates;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

public sealed class LogFormatTests
{
    [Fact]
    public void Header_fields_and_content_are_split_as_loghub_formats_say()
    {
        var format = LogFormat.Parse("<Date> <Time> <Pid> <Level> <Component>: <Content>");
        Assert.True(format.TryParse("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38 terminating", out var header));
        Assert.Equal("PacketResponder 1 for block blk_38 terminating", header.Content.ToString());
        Assert.Equal("INFO", header.Field("Level"));
    }

    [Fact]
    public void Escaped_brackets_and_optional_parts_follow_the_loghub_notation()
    {
        var format = LogFormat.Parse(@"<Month> <Date> <Time> <Level> <Component>(\[<PID>\])?: <Content>");
        Assert.True(format.TryParse("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown", out var header));
        Assert.Equal("19939", header.Field("PID"));
        Assert.Equal("check pass; user unknown", header.Content.ToString());
    }

    [Fact]
    public void A_line_that_does_not_match_is_reported()
    {
        var format = LogFormat.Parse("<Date> <Time> <Level>: <Content>");
        Assert.False(format.TryParse("garbage", out _));
    }

    [Fact]
    public void A_format_without_content_is_refused()
    {
        var e = Assert.Throws<SecurityKitException>(() => LogFormat.Parse("<Date> <Time>"));
        Assert.Equal("--log-format", e.Location);
    }

    [Fact]
    public void Lines_not_matching_the_format_are_counted_and_mined_whole()
    {
        using var reader = new StringReader("2024-01-01 10:00:00 INFO: started 1\nnot a header line\n2024-01-01 10:00:01 INFO: started 2\n");
        var result = TemplateExtraction.Run(reader, LogFormat.Parse("<Date> <Time> <Level>: <Content>"));
        Assert.Equal(1, result.HeaderMismatches);
        Assert.Equal(3, result.LineEvents.Count);
        Assert.Equal("started <*>", result.Templates.Template(result.LineEvents[0]));
    }
}
