using System.Text;
using System.Text.RegularExpressions;

namespace SecurityKit.Detection.Anomaly.Logs.Parsing;

/// <summary>
/// A log line's header layout in the Loghub notation, e.g. <c>&lt;Date&gt; &lt;Time&gt; &lt;Level&gt; &lt;Component&gt;: &lt;Content&gt;</c>.
/// As in the Loghub/logparser tools, each <c>&lt;Field&gt;</c> matches lazily, runs of spaces between fields match any
/// run of whitespace, and the text between fields is a regular-expression fragment (so <c>\[</c> is a literal bracket
/// and <c>(\[&lt;PID&gt;\])?</c> an optional part). The format must name a <c>Content</c> field: templates are
/// mined from it.
/// </summary>
public sealed partial class LogFormat
{
    private readonly Regex regex;
    private readonly int contentGroup;

    private LogFormat(string format, Regex regex, IReadOnlyList<string> fields)
    {
        Format = format;
        this.regex = regex;
        Fields = fields;
        contentGroup = regex.GroupNumberFromName("Content");
    }

    /// <summary>The format string as given.</summary>
    public string Format { get; }

    /// <summary>The field names in order.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Parses a format string.</summary>
    /// <param name="format">The Loghub-style format.</param>
    /// <returns>The format.</returns>
    /// <exception cref="SecurityKitException">When the format names no Content field or is not a valid pattern.</exception>
    public static LogFormat Parse(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var pattern = new StringBuilder("^");
        var fields = new List<string>();
        var last = 0;
        foreach (Match m in FieldPattern().Matches(format))
        {
            pattern.Append(Spaces().Replace(format[last..m.Index], @"\s+"));
            var name = m.Groups[1].Value;
            if (fields.Contains(name, StringComparer.Ordinal))
            {
                throw new SecurityKitException($"field <{name}> appears twice in the log format", "--log-format");
            }

            fields.Add(name);
            pattern.Append("(?<").Append(name).Append(">.*?)");
            last = m.Index + m.Length;
        }

        pattern.Append(Spaces().Replace(format[last..], @"\s+")).Append('$');
        if (!fields.Contains("Content", StringComparer.Ordinal))
        {
            throw new SecurityKitException("the log format has no <Content> field", "--log-format");
        }

        try
        {
            // The timeout bounds the lazy fields' backtracking on a hostile line; the warm-up match compiles the
            // pattern now, so that compilation time never counts against the first real line's timeout.
            var regex = new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
            _ = regex.Match(string.Empty);
            return new LogFormat(format, regex, fields);
        }
        catch (ArgumentException e)
        {
            throw new SecurityKitException($"the log format is not a valid pattern: {e.Message}", "--log-format");
        }
    }

    /// <summary>Splits a line into its header fields and content.</summary>
    /// <param name="line">The line.</param>
    /// <param name="header">The parsed fields, or an empty header when the line does not match.</param>
    /// <returns>Whether the line matches the format.</returns>
    public bool TryParse(string line, out LogHeader header)
    {
        ArgumentNullException.ThrowIfNull(line);
        Match m;
        try
        {
            m = regex.Match(line);
        }
        catch (RegexMatchTimeoutException)
        {
            header = default;
            return false;
        }

        if (!m.Success)
        {
            header = default;
            return false;
        }

        header = new LogHeader(this, m);
        return true;
    }

    internal int ContentGroup => contentGroup;

    [GeneratedRegex(@"<([A-Za-z_][A-Za-z0-9_]*)>")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
