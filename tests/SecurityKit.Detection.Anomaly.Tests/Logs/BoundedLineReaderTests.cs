using SecurityKit.Detection.Anomaly.Logs.Parsing;

namespace SecurityKit.Detection.Anomaly.Tests.Logs;

public sealed class BoundedLineReaderTests
{
    private static List<string> ReadAll(BoundedLineReader reader)
    {
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    [Fact]
    public void Lf_crlf_and_cr_all_end_a_line()
    {
        Assert.Equal(["a", "b", "c", "d"], ReadAll(new BoundedLineReader(new StringReader("a\nb\r\nc\rd"))));
    }

    [Fact]
    public void Lines_longer_than_the_limit_are_cut_and_counted()
    {
        var reader = new BoundedLineReader(new StringReader(new string('x', 100_000) + "\nshort\n"), maxLineLength: 1000);
        var lines = ReadAll(reader);
        Assert.Equal(1000, lines[0].Length);
        Assert.Equal("short", lines[1]);
        Assert.Equal(1, reader.TruncatedLines);
    }

    [Fact]
    public void Control_characters_become_spaces_and_are_counted()
    {
        var reader = new BoundedLineReader(new StringReader("a\0b\u0001c\td\n"));
        Assert.Equal(["a b c\td"], ReadAll(reader));
        Assert.Equal(2, reader.ControlCharacters);
    }

    [Fact]
    public void Empty_input_has_no_lines()
    {
        Assert.Empty(ReadAll(new BoundedLineReader(new StringReader(string.Empty))));
    }
}
