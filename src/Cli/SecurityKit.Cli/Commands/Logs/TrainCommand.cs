using System.CommandLine;
using System.Globalization;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Detection.Anomaly.Logs.Scoring;

namespace SecurityKit.Cli.Commands.Logs;

/// <summary><c>securitykit logs train --model model.zip [options] &lt; baseline.log</c>: fit the unsupervised model on a baseline period.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "Where to write the model (zip).", Required = true };
        var format = ScoringArguments.Format();
        var time = ScoringArguments.TimeFields();
        var entity = ScoringArguments.Entity();
        var window = ScoringArguments.Window();
        var step = ScoringArguments.Step();
        var command = new Command("train", "Fit the log anomaly model (templates, window features, RandomizedPca, rarity) on a baseline log read from stdin.");
        foreach (var o in new Option[] { model, format, time, entity, window, step })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var options = ScoringArguments.Build(r, format, time, entity, window, step);
            var catalog = new TemplateCatalog();
            var reader = new LogEventReader(options, catalog);
            var aggregator = new WindowAggregator(options);
            var windows = new List<EventWindow>();
            using (var input = LogsConsole.OpenInput())
            {
                foreach (var e in reader.Read(input))
                {
                    windows.AddRange(aggregator.Add(e));
                }
            }

            windows.AddRange(aggregator.Flush());
            var trained = LogAnomalyModel.Train(catalog.Templates(), windows, options);
            trained.Save(r.GetValue(model)!.FullName);
            await r.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"trained on {reader.Lines} lines, {windows.Count} windows, {catalog.Count} templates; skipped {aggregator.LateEvents} late events; {reader.HeaderMismatches} lines did not match the format, {reader.BadTimes} had no readable time")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
