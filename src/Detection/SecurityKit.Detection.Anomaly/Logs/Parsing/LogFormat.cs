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
    private readonly int[] groupNumbers;
    private readonly List<Segment>? segments;

    private LogFormat(string format, Regex regex, List<string> fields, List<Segment>? segments)
    {
        Format = format;
        this.regex = regex;
        Fields = fields;
        this.segments = segments;
        groupNumbers = fields.Select(regex.GroupNumberFromName).ToArray();
        ContentIndex = fields.IndexOf("Content");
    }

    internal int ContentIndex { get; }

    internal int IndexOf(string name) => Fields is List<string> list ? list.IndexOf(name) : -1;

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
        var segments = new List<Segment>();
        var last = 0;
        foreach (Match m in FieldPattern().Matches(format))
        {
            pattern.Append(Spaces().Replace(format[last..m.Index], @"\s+"));
            AddLiteral(segments, format[last..m.Index]);
            segments.Add(new Segment(fields.Count, null));
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
        AddLiteral(segments, format[last..]);
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
            return new LogFormat(format, regex, fields, Literally(segments) ? segments : null);
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
        if (segments is not null && TryParseLiterally(line, out header))
        {
            return true;
        }

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

        var ranges = new (int, int)[Fields.Count];
        for (var i = 0; i < ranges.Length; i++)
        {
            var g = m.Groups[groupNumbers[i]];
            ranges[i] = g.Success ? (g.Index, g.Length) : (-1, 0);
        }

        header = new LogHeader(this, line, ranges);
        return true;
    }

    /// <summary>
    /// The fast path for formats whose text between fields is plain (no regular-expression operators): each field ends
    /// at the first place the following text matches, exactly the first split the lazy regular expression tries. When
    /// that split fails, the regular expression (with its backtracking) decides.
    /// </summary>
    private bool TryParseLiterally(string line, out LogHeader header)
    {
        header = default;
        var ranges = new (int Start, int Length)[Fields.Count];
        var position = 0;
        for (var i = 0; i < segments!.Count; i++)
        {
            var segment = segments[i];
            if (segment.Literal is not null)
            {
                var matched = MatchLiteral(line, position, segment.Literal);
                if (matched < 0)
                {
                    return false;
                }

                position = matched;
                continue;
            }

            if (i == segments.Count - 1)
            {
                ranges[segment.Field] = (position, line.Length - position);
                position = line.Length;
                break;
            }

            var next = segments[i + 1].Literal!;
            var end = -1;
            for (var start = position; start <= line.Length; start++)
            {
                var after = MatchLiteral(line, start, next);
                if (after >= 0 && (i + 2 < segments.Count || after == line.Length))
                {
                    end = start;
                    break;
                }
            }

            if (end < 0)
            {
                return false;
            }

            ranges[segment.Field] = (position, end - position);
            position = end;
        }

        if (position != line.Length)
        {
            return false;
        }

        header = new LogHeader(this, line, ranges);
        return true;
    }

    /// <summary>Matches a literal at <paramref name="start"/>: a space is one or more whitespace characters.</summary>
    private static int MatchLiteral(string line, int start, string literal)
    {
        var p = start;
        foreach (var c in literal)
        {
            if (c == ' ')
            {
                if (p >= line.Length || !char.IsWhiteSpace(line[p]))
                {
                    return -1;
                }

                while (p < line.Length && char.IsWhiteSpace(line[p]))
                {
                    p++;
                }
            }
            else
            {
                if (p >= line.Length || line[p] != c)
                {
                    return -1;
                }

                p++;
            }
        }

        return p;
    }

    /// <summary>Adds the text between fields as a literal, or marks the format as needing the regular expression.</summary>
    private static void AddLiteral(List<Segment> segments, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && !char.IsLetterOrDigit(text[i + 1]))
            {
                literal.Append(text[++i]);
            }
            else if (".*+?()[]{}|^$\\".Contains(c, StringComparison.Ordinal))
            {
                segments.Add(new Segment(-1, null));
                return;
            }
            else
            {
                literal.Append(c == '\t' ? ' ' : c);
            }
        }

        // Runs of spaces are one whitespace run, as in the regular expression.
        segments.Add(new Segment(-1, Spaces().Replace(literal.ToString(), " ")));
    }

    /// <summary>Whether the fast path applies: plain text between fields, never two fields side by side.</summary>
    private static bool Literally(List<Segment> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Field < 0 && segments[i].Literal is null)
            {
                return false;
            }

            if (i > 0 && segments[i].Literal is null && segments[i - 1].Literal is null)
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Segment(int Field, string? Literal);

    [GeneratedRegex(@"<([A-Za-z_][A-Za-z0-9_]*)>")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
