using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
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
            using var json = new WindowJson();
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
                            json.Write(output, s, alert);
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

    /// <summary>Writes one JSON line per window, reusing one buffer and one writer (a window can be scored per line).</summary>
    private sealed class WindowJson : IDisposable
    {
        private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly ArrayBufferWriter<byte> buffer = new(1024);
        private readonly Utf8JsonWriter json;
        private char[] chars = new char[1024];

        public WindowJson()
        {
            json = new Utf8JsonWriter(buffer, Options);
        }

        public void Dispose() => json.Dispose();

        public void Write(TextWriter output, WindowScore s, bool alert)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            s.WriteTo(json, alert);
            json.Flush();
            var bytes = buffer.WrittenSpan;
            var needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
            if (chars.Length < needed)
            {
                chars = new char[needed];
            }

            var count = Encoding.UTF8.GetChars(bytes, chars);
            output.Write(chars, 0, count);
            output.Write('\n');
        }
    }
}
