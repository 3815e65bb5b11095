using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SecurityKit.Detection.Anomaly.Logs.Scoring;

namespace SecurityKit.Cli.Commands.Logs;

/// <summary><c>securitykit logs score --model model.zip &lt; app.log</c>: one JSON line per window, with score and reasons.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "A model written by logs train.", Required = true };
        var alertsOnly = new Option<bool>("--alerts-only") { Description = "Write only windows at or above the model's alert threshold." };
        var command = new Command("score", "Score a log read from stdin: one JSON line per window (entity, time, score in [0,1], reasons).");
        command.Options.Add(model);
        command.Options.Add(alertsOnly);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var file = r.GetValue(model)!;
            if (!file.Exists)
            {
                throw new FileNotFoundException("model not found", file.Name);
            }

            var trained = LogAnomalyModel.Load(file.FullName);
            var options = trained.Options;
            var reader = new LogEventReader(options, new TemplateCatalog(trained.Features.Templates));
            var aggregator = new WindowAggregator(options);
            var onlyAlerts = r.GetValue(alertsOnly);
            long windows = 0, alerts = 0;
            await using (var output = LogsConsole.OpenOutput())
            {
                void Emit(IEnumerable<EventWindow> closed)
                {
                    foreach (var w in closed)
                    {
                        var s = trained.Score(w);
                        windows++;
                        var alert = s.Score >= options.AlertThreshold;
                        alerts += alert ? 1 : 0;
                        if (!onlyAlerts || alert)
                        {
                            output.WriteLine(Json(s, alert));
                        }
                    }
                }

                using var input = LogsConsole.OpenInput();
                foreach (var e in reader.Read(input))
                {
                    Emit(aggregator.Add(e));
                }

                Emit(aggregator.Flush());
            }

            await r.InvocationConfiguration.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"scored {reader.Lines} lines in {windows} windows, {alerts} alerts; skipped {aggregator.LateEvents} late events; {reader.HeaderMismatches} lines did not match the format, {reader.BadTimes} had no readable time, {reader.TruncatedLines} were cut")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static string Json(WindowScore s, bool alert)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("entity", s.Window.Entity);
            json.WriteString("start", s.Window.Start);
            json.WriteString("end", s.Window.End);
            json.WriteNumber("events", s.Window.Count);
            json.WriteNumber("firstLine", s.Window.Lines.First);
            json.WriteNumber("lastLine", s.Window.Lines.Last);
            json.WriteNumber("score", Math.Round(s.Score, 4));
            json.WriteNumber("pca", Math.Round(s.PcaScore, 4));
            json.WriteNumber("rarity", Math.Round(s.RarityScore, 4));
            if (s.SupervisedScore is { } sup)
            {
                json.WriteNumber("supervised", Math.Round(sup, 4));
            }

            json.WriteBoolean("alert", alert);
            json.WriteStartArray("reasons");
            foreach (var reason in s.Reasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
