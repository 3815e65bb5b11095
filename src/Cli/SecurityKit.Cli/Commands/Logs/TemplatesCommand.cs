using System.CommandLine;
using System.Globalization;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Detection.Anomaly.Logs.Parsing;
using SecurityKit.Detection.Anomaly.Logs.Templates;

namespace SecurityKit.Cli.Commands.Logs;

/// <summary>
/// <c>securitykit logs templates [--log-format FORMAT | --content-only] &lt; app.log &gt; templates.csv</c> (CONTRACTS.md).
/// </summary>
internal static class TemplatesCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--log-format") { Description = "Loghub header format, e.g. '<Date> <Time> <Level> <Component>: <Content>'; templates are mined from <Content>. Lines that do not match are mined whole and counted on stderr." };
        var contentOnly = new Option<bool>("--content-only") { Description = "Treat each whole line as the message content (the default when no format is given)." };
        var similarity = new Option<double?>("--similarity") { Description = "Share of a template's fixed tokens a message must repeat to join it (default 0.7)." };
        var maxLine = new Option<int>("--max-line-length") { Description = "Characters kept of one line; longer lines are cut and counted.", DefaultValueFactory = _ => 65536 };
        var command = new Command("templates", "Mine log templates: CSV LineId,EventId,EventTemplate on stdout, one row per input line.");
        command.Options.Add(format);
        command.Options.Add(contentOnly);
        command.Options.Add(similarity);
        command.Options.Add(maxLine);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var formatText = r.GetValue(format);
            if (formatText is not null && r.GetValue(contentOnly))
            {
                throw new CommandLineError("--log-format and --content-only exclude each other", "command line", SecurityKitCommand.UsageExitCode);
            }

            if (r.GetValue(maxLine) < 1)
            {
                throw new CommandLineError("--max-line-length must be positive", "--max-line-length", SecurityKitCommand.UsageExitCode);
            }

            var logFormat = formatText is null ? null : LogFormat.Parse(formatText);
            var options = new TemplateMinerOptions();
            if (r.GetValue(similarity) is { } s)
            {
                if (s is < 0 or > 1 || double.IsNaN(s))
                {
                    throw new CommandLineError("--similarity must lie in [0, 1]", "--similarity", SecurityKitCommand.UsageExitCode);
                }

                options.SimilarityThreshold = s;
            }

            using var input = LogsConsole.OpenInput();
            var extraction = TemplateExtraction.Run(input, logFormat, options, r.GetValue(maxLine));
            await using (var output = LogsConsole.OpenOutput())
            {
                extraction.WriteCsv(output);
            }

            var error = r.InvocationConfiguration.Error;
            if (extraction.HeaderMismatches > 0)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warning: {extraction.HeaderMismatches} line(s) did not match the log format; mined as whole lines (stdin)")).ConfigureAwait(false);
            }

            if (extraction.TruncatedLines > 0)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warning: {extraction.TruncatedLines} line(s) longer than {r.GetValue(maxLine)} characters were cut (stdin)")).ConfigureAwait(false);
            }

            if (extraction.ControlCharacters > 0)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warning: {extraction.ControlCharacters} control character(s) replaced by spaces (stdin)")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
