using nietras.SeparatedValues;

namespace SecurityKit.Detection.Anomaly.Logs.Evaluation;

/// <summary>A Loghub <c>X_2k.log_structured.csv</c> file: each line's content, ground-truth event and (BGL) label.</summary>
public sealed class LoghubSample
{
    private LoghubSample(List<string> contents, List<string> eventIds, List<string> labels, List<string> timestamps)
    {
        Contents = contents;
        EventIds = eventIds;
        Labels = labels;
        Timestamps = timestamps;
    }

    /// <summary>The <c>Content</c> column.</summary>
    public IReadOnlyList<string> Contents { get; }

    /// <summary>The ground-truth <c>EventId</c> column.</summary>
    public IReadOnlyList<string> EventIds { get; }

    /// <summary>The <c>Label</c> column when present (<c>-</c> = normal), else empty strings.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The <c>Timestamp</c> column when present (Unix seconds), else empty strings.</summary>
    public IReadOnlyList<string> Timestamps { get; }

    /// <summary>Reads a structured CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The sample.</returns>
    /// <exception cref="SecurityKitException">When a required column is missing or a row does not match the header.</exception>
    public static LoghubSample Load(string path)
    {
        try
        {
            return Read(path);
        }
        catch (InvalidDataException)
        {
            // Sep's message quotes the offending row; a log row may hold personal data, so only the file is named.
            throw new SecurityKitException("a Loghub structured file has a row whose columns do not match its header", Path.GetFileName(path));
        }
    }

    private static LoghubSample Read(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        var header = reader.Header;
        if (!header.ColNames.Contains("Content") || !header.ColNames.Contains("EventId"))
        {
            throw new SecurityKitException("a Loghub structured file needs Content and EventId columns", Path.GetFileName(path));
        }

        var hasLabel = header.ColNames.Contains("Label");
        var hasTimestamp = header.ColNames.Contains("Timestamp");
        List<string> contents = [], ids = [], labels = [], timestamps = [];
        foreach (var row in reader)
        {
            contents.Add(row["Content"].ToString());
            ids.Add(row["EventId"].ToString());
            labels.Add(hasLabel ? row["Label"].ToString() : string.Empty);
            timestamps.Add(hasTimestamp ? row["Timestamp"].ToString() : string.Empty);
        }

        return new LoghubSample(contents, ids, labels, timestamps);
    }
}
