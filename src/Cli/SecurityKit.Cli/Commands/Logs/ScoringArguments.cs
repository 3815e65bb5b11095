using System.CommandLine;
using System.Globalization;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Detection.Anomaly.Logs.Scoring;

namespace SecurityKit.Cli.Commands.Logs;

/// <summary>Options shared by <c>logs train</c> and <c>logs score</c>, and their parsing.</summary>
internal static class ScoringArguments
{
    public static Option<string> Format() => new("--log-format") { Description = "Loghub header format; without it each line is content only." };

    public static Option<string> TimeFields() => new("--time-fields") { Description = "Header fields holding the time, space-separated (e.g. 'Date Time'); without it the line number counts as seconds." };

    public static Option<string> Entity() => new("--entity") { Description = "Entity key: auto, ip, user, block, session, none, or field:NAME for a header field.", DefaultValueFactory = _ => "auto" };

    public static Option<string> Window() => new("--window") { Description = "Window length (e.g. 10m, 1h, 30s).", DefaultValueFactory = _ => "10m" };

    public static Option<string> Step() => new("--step") { Description = "Step between windows; shorter than --window for sliding windows (default: fixed windows)." };

    public static LogScoringOptions Build(ParseResult r, Option<string> format, Option<string> time, Option<string> entity, Option<string> window, Option<string> step)
    {
        var options = new LogScoringOptions
        {
            LogFormat = r.GetValue(format),
            TimeFields = (r.GetValue(time) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        };
        var e = r.GetValue(entity) ?? "auto";
        if (e.StartsWith("field:", StringComparison.Ordinal))
        {
            options.Entity = EntityKind.Field;
            options.EntityField = e["field:".Length..];
        }
        else
        {
            options.Entity = e switch
            {
                "auto" => EntityKind.Auto,
                "ip" => EntityKind.IpAddress,
                "user" => EntityKind.User,
                "block" => EntityKind.Block,
                "session" => EntityKind.Session,
                "none" => EntityKind.None,
                _ => throw new CommandLineError("unknown entity kind (auto, ip, user, block, session, none, field:NAME)", "--entity", SecurityKitCommand.UsageExitCode),
            };
        }

        options.Window = Duration(r.GetValue(window) ?? "10m", "--window");
        options.Step = r.GetValue(step) is { } s ? Duration(s, "--step") : options.Window;
        if (options.Step > options.Window)
        {
            throw new CommandLineError("--step must not exceed --window", "--step", SecurityKitCommand.UsageExitCode);
        }

        return options;
    }

    public static TimeSpan Duration(string text, string option)
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        var multiplier = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        if (multiplier > 0 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && n * multiplier <= 366 * 86400)
        {
            return TimeSpan.FromSeconds(n * multiplier);
        }

        throw new CommandLineError("expected a positive duration such as 30s, 10m, 1h or 1d", option, SecurityKitCommand.UsageExitCode);
    }
}
