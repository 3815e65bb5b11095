using System.Globalization;
using SecurityKit.Detection.Anomaly.Logs.Parsing;

namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>
/// Turns log lines into <see cref="LogEvent"/>s: header parsing, template lookup, entity key, values and time. Bad
/// input never stops it; it is counted: lines not matching the header format (mined as whole lines), times that do not
/// parse (the previous time is used), lines cut for length, control characters.
/// </summary>
public sealed class LogEventReader
{
    private static readonly string[] TimeFormats =
    [
        "yyMMdd HHmmss", "yyyy-MM-dd HH:mm:ss,fff", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
        "yy/MM/dd HH:mm:ss", "yyyy-MM-dd-HH.mm.ss.ffffff", "MMM d HH:mm:ss", "MMM dd HH:mm:ss", "ddd MMM dd HH:mm:ss yyyy",
    ];

    private readonly LogScoringOptions options;
    private readonly LogFormat? format;
    private readonly TemplateCatalog catalog;
    private DateTimeOffset lastTime = DateTimeOffset.UnixEpoch;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">How to read lines.</param>
    /// <param name="catalog">The template catalog (empty for training, seeded for scoring).</param>
    public LogEventReader(LogScoringOptions options, TemplateCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        this.options = options;
        this.catalog = catalog;
        format = options.LogFormat is null ? null : LogFormat.Parse(options.LogFormat);
        if (options.Entity == EntityKind.Field && (format is null || options.EntityField is null || !format.Fields.Contains(options.EntityField)))
        {
            throw new SecurityKitException("the entity field must be a field of the log format", "--entity-field");
        }

        foreach (var f in options.TimeFields)
        {
            if (format is null || !format.Fields.Contains(f))
            {
                throw new SecurityKitException("each time field must be a field of the log format", "--time-fields");
            }
        }
    }

    /// <summary>Lines read.</summary>
    public long Lines { get; private set; }

    /// <summary>Lines that did not match the header format.</summary>
    public long HeaderMismatches { get; private set; }

    /// <summary>Lines whose time did not parse.</summary>
    public long BadTimes { get; private set; }

    /// <summary>Lines cut for length.</summary>
    public long TruncatedLines { get; private set; }

    /// <summary>Control characters replaced.</summary>
    public long ControlCharacters { get; private set; }

    /// <summary>Reads every line of <paramref name="input"/>.</summary>
    /// <param name="input">The log.</param>
    /// <returns>The events, in input order.</returns>
    public IEnumerable<LogEvent> Read(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reader = new BoundedLineReader(input);
        while (reader.TryReadLine(out var span))
        {
            var line = span.ToString();
            TruncatedLines = reader.TruncatedLines;
            ControlCharacters = reader.ControlCharacters;
            yield return Parse(line);
        }
    }

    /// <summary>Parses one line.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The event.</returns>
    public LogEvent Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Lines++;
        ReadOnlySpan<char> content = line;
        LogHeader header = default;
        var parsed = false;
        if (format is not null)
        {
            parsed = format.TryParse(line, out header);
            if (parsed)
            {
                content = header.Content;
            }
            else
            {
                HeaderMismatches++;
            }
        }

        var template = catalog.Resolve(content, out var text);
        var entity = options.Entity == EntityKind.Field
            ? (parsed ? header.Field(options.EntityField!) : string.Empty)
            : MessageValues.Entity(content, options.Entity);
        var time = Time(parsed, header);
        return new LogEvent(Lines, time, template, text, entity, MessageValues.Extract(content));
    }

    private DateTimeOffset Time(bool parsed, LogHeader header)
    {
        if (options.TimeFields.Count == 0)
        {
            return DateTimeOffset.UnixEpoch.AddSeconds(Lines);
        }

        if (parsed)
        {
            var text = string.Join(' ', options.TimeFields.Select(header.Field));
            if (TryParseTime(text, out var t))
            {
                lastTime = t;
                return t;
            }
        }

        BadTimes++;
        return lastTime;
    }

    /// <summary>Parses a log time: Unix seconds or milliseconds, ISO 8601, or a common log layout; UTC assumed.</summary>
    /// <param name="text">The time text.</param>
    /// <param name="time">The time.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            time = unix > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(unix) : DateTimeOffset.FromUnixTimeSeconds(Math.Min(unix, 253_402_300_799));
            return true;
        }

        return DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
