using SecurityKit.Detection.Anomaly.Logs.Templates;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

public sealed class TemplateCsvTests
{
    private static string Csv(string input)
    {
        using var reader = new StringReader(input);
        var writer = new StringWriter();
        TemplateExtraction.Run(reader).WriteCsv(writer);
        return writer.ToString();
    }

    [Fact]
    public void Output_has_the_contract_header_and_one_row_per_line()
    {
        var rows = Csv("a 1\nb c\na 2\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("LineId,EventId,EventTemplate", rows[0]);
        Assert.Equal(["1,E1,a <*>", "2,E2,b c", "3,E1,a <*>"], rows[1..]);
    }

    [Fact]
    public void Templates_with_commas_or_quotes_are_quoted_as_rfc_4180_says()
    {
        var rows = Csv("size 3, \"free\" 4\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1,E1,\"size <*>, \"\"free\"\" <*>\"", rows[1]);
    }

    [Fact]
    public void Empty_lines_are_rows_too()
    {
        var rows = Csv("x 1\n\nx 2\r\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, rows.Length);
        Assert.Equal("2,E2,", rows[2]);
    }

    [Fact]
    public void Empty_input_gives_the_header_only()
    {
        Assert.Equal("LineId,EventId,EventTemplate\n", Csv(string.Empty));
    }

    [Fact]
    public void Binary_garbage_is_mined_without_failing()
    {
        var garbage = new string(Enumerable.Range(0, 5000).Select(i => (char)((i * 7919) % 0xD7FF)).ToArray());
        var rows = Csv(garbage + "\nok 1\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("LineId,EventId,EventTemplate", rows[0]);
        Assert.StartsWith("2,", rows[^1], StringComparison.Ordinal);
    }
}
