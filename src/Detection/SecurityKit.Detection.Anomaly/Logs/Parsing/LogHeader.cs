namespace SecurityKit.Detection.Anomaly.Logs.Parsing;

/// <summary>The fields of one parsed log line.</summary>
public readonly struct LogHeader
{
    private readonly LogFormat? format;
    private readonly string? line;
    private readonly (int Start, int Length)[]? ranges;

    internal LogHeader(LogFormat format, string line, (int Start, int Length)[] ranges)
    {
        this.format = format;
        this.line = line;
        this.ranges = ranges;
    }

    /// <summary>The message part of the line.</summary>
    public ReadOnlySpan<char> Content => ranges is null ? default : Slice(format!.ContentIndex);

    /// <summary>A header field's value, or empty when the format has no such field or the line did not match.</summary>
    /// <param name="name">The field name as written in the format.</param>
    /// <returns>The value.</returns>
    public string Field(string name)
    {
        if (ranges is null)
        {
            return string.Empty;
        }

        var index = format!.IndexOf(name);
        return index < 0 ? string.Empty : Slice(index).ToString();
    }

    private ReadOnlySpan<char> Slice(int index) => ranges![index].Start < 0 ? default : line.AsSpan(ranges[index].Start, ranges[index].Length);
}
