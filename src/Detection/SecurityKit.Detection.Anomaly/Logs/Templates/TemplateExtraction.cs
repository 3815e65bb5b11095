using SecurityKit.Detection.Anomaly.Logs.Parsing;

namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>
/// Mines the templates of a whole log: every line's content goes through one <see cref="TemplateMiner"/>; only the
/// template id of each line is kept (4 bytes a line), then the stream's templates are merged and each line gets its
/// final event.
/// </summary>
public sealed class TemplateExtraction
{
    private TemplateExtraction(int[] events, TemplateSet templates, long headerMismatches, long truncatedLines, long controlCharacters)
    {
        LineEvents = events;
        Templates = templates;
        HeaderMismatches = headerMismatches;
        TruncatedLines = truncatedLines;
        ControlCharacters = controlCharacters;
    }

    /// <summary>The event index of each line, in input order.</summary>
    public IReadOnlyList<int> LineEvents { get; }

    /// <summary>The events and their templates.</summary>
    public TemplateSet Templates { get; }

    /// <summary>Lines that did not match the header format; their whole text was mined as content.</summary>
    public long HeaderMismatches { get; }

    /// <summary>Lines cut at the maximum line length.</summary>
    public long TruncatedLines { get; }

    /// <summary>Control characters (binary garbage) replaced by spaces.</summary>
    public long ControlCharacters { get; }

    /// <summary>Mines every line of <paramref name="input"/>.</summary>
    /// <param name="input">The log.</param>
    /// <param name="format">The header format, or <see langword="null"/> when each whole line is content.</param>
    /// <param name="options">Miner settings.</param>
    /// <param name="maxLineLength">Characters kept of one line.</param>
    /// <returns>The grouping of the lines.</returns>
    public static TemplateExtraction Run(TextReader input, LogFormat? format = null, TemplateMinerOptions? options = null, int maxLineLength = 65536)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reader = new BoundedLineReader(input, maxLineLength);
        var miner = new TemplateMiner(options);
        var clusterOfLine = new List<int>();
        long mismatches = 0;
        while (reader.TryReadLine(out var line))
        {
            var content = line;
            if (format is not null)
            {
                var text = line.ToString();
                if (format.TryParse(text, out var header))
                {
                    content = header.Content;
                }
                else
                {
                    mismatches++;
                }
            }

            clusterOfLine.Add(miner.Add(content));
        }

        return FromClusters(miner, clusterOfLine, mismatches, reader.TruncatedLines, reader.ControlCharacters);
    }

    /// <summary>Mines a list of message contents (each already stripped of its header).</summary>
    /// <param name="contents">The messages.</param>
    /// <param name="options">Miner settings.</param>
    /// <returns>The grouping.</returns>
    public static TemplateExtraction Run(IEnumerable<string> contents, TemplateMinerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var miner = new TemplateMiner(options);
        var clusterOfLine = new List<int>();
        foreach (var content in contents)
        {
            clusterOfLine.Add(miner.Add(content));
        }

        return FromClusters(miner, clusterOfLine, 0, 0, 0);
    }

    private static TemplateExtraction FromClusters(TemplateMiner miner, List<int> clusterOfLine, long mismatches, long truncated, long control)
    {
        var set = miner.Complete();
        var events = new int[clusterOfLine.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = set.EventOf(clusterOfLine[i]);
        }

        return new TemplateExtraction(events, set, mismatches, truncated, control);
    }

    /// <summary>Writes the CSV of CONTRACTS.md: <c>LineId,EventId,EventTemplate</c>, one row per line, RFC 4180 quoting.</summary>
    /// <param name="output">Where to write.</param>
    public void WriteCsv(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write("LineId,EventId,EventTemplate\n");
        var quoted = new string[Templates.Count];
        for (var e = 0; e < quoted.Length; e++)
        {
            quoted[e] = TemplateSet.EventId(e) + "," + CsvField(Templates.Template(e));
        }

        Span<char> number = stackalloc char[20];
        for (var i = 0; i < LineEvents.Count; i++)
        {
            (i + 1L).TryFormat(number, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            output.Write(number[..written]);
            output.Write(',');
            output.Write(quoted[LineEvents[i]]);
            output.Write('\n');
        }
    }

    /// <summary>Quotes a CSV field when RFC 4180 §2 (6, 7) requires it: commas, quotes, line breaks.</summary>
    internal static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 && (value.Length == 0 || (value[0] != ' ' && value[^1] != ' '))
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
