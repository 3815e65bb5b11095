using System.Text.RegularExpressions;

namespace SecurityKit.Detection.Anomaly.Logs.Parsing;

/// <summary>The fields of one parsed log line.</summary>
public readonly struct LogHeader
{
    private readonly LogFormat? format;
    private readonly Match? match;

    internal LogHeader(LogFormat format, Match match)
    {
        this.format = format;
        this.match = match;
    }

    /// <summary>The message part of the line.</summary>
    public ReadOnlySpan<char> Content => match is null ? default : match.Groups[format!.ContentGroup].ValueSpan;

    /// <summary>A header field's value, or empty when the format has no such field or the line did not match.</summary>
    /// <param name="name">The field name as written in the format.</param>
    /// <returns>The value.</returns>
    public string Field(string name) => match is null ? string.Empty : match.Groups[name].Value;
}
