using System.CommandLine;
using System.Globalization;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Detection.Anomaly.Logs.Evaluation;
using SecurityKit.Detection.Anomaly.Logs.Templates;

namespace SecurityKit.Cli.Commands.Logs;

/// <summary>
/// <c>securitykit logs accuracy --data DIR</c>: grouping accuracy of the miner on each Loghub sample in DIR and the
/// average, for the Content column (as <c>logs templates --content-only</c>) and for the raw log with its header format.
/// </summary>
internal static class AccuracyCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with the Loghub X_2k.log and X_2k.log_structured.csv files.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("..", "shared", "data", "loghub")) };
        var similarity = new Option<double?>("--similarity") { Description = "Similarity threshold to evaluate instead of the default." };
        var noMerge = new Option<bool>("--no-merge") { Description = "Skip the merging of templates after the stream (to measure what it brings)." };
        var spaces = new Option<bool>("--single-space-tokens") { Description = "Split tokens at every space instead of at runs of spaces." };
        var fewValued = new Option<int?>("--few-valued-limit") { Description = "Distinct words up to which a wildcard position is read as fixed text (0 = never)." };
        var command = new Command("accuracy", "Grouping accuracy of the template miner on the Loghub 2k samples: one row per system and the average.");
        command.Options.Add(data);
        command.Options.Add(similarity);
        command.Options.Add(noMerge);
        command.Options.Add(spaces);
        command.Options.Add(fewValued);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var dir = r.GetValue(data)!;
            if (!dir.Exists)
            {
                throw new CommandLineError("data folder not found", dir.FullName);
            }

            var options = new TemplateMinerOptions { MergeAfterStream = !r.GetValue(noMerge), CollapseWhitespace = !r.GetValue(spaces) };
            if (r.GetValue(fewValued) is { } f)
            {
                options.FewValuedLimit = f;
            }

            if (r.GetValue(similarity) is { } s)
            {
                options.SimilarityThreshold = s;
            }

            var output = r.InvocationConfiguration.Output;
            var error = r.InvocationConfiguration.Error;
            await output.WriteLineAsync("system      lines  truth  events(content)  accuracy(content)  events(raw)  accuracy(raw)").ConfigureAwait(false);
            var shared = new List<SystemAccuracy>();
            foreach (var system in LoghubSystem.Development)
            {
                if (!File.Exists(Path.Combine(dir.FullName, system.Name + LoghubSystem.StructuredSuffix)))
                {
                    continue;
                }

                var a = ParsingBenchmark.Evaluate(dir.FullName, system, options);
                shared.Add(a);
                await output.WriteLineAsync(Row(a)).ConfigureAwait(false);
            }

            if (shared.Count > 0)
            {
                await output.WriteLineAsync(Average("average", shared)).ConfigureAwait(false);
            }

            // Every other sample in the folder: systems the miner was never developed on (content column; the raw log
            // too when formats.txt gives its header format).
            var others = new List<SystemAccuracy>();
            var otherSystems = LoghubFolder.OtherSystems(dir.FullName, out var warnings);
            foreach (var system in otherSystems)
            {
                var a = await EvaluateOtherAsync(dir.FullName, system, options, error).ConfigureAwait(false);
                if (a is not null)
                {
                    others.Add(a);
                    await output.WriteLineAsync(Row(a)).ConfigureAwait(false);
                }

                await output.FlushAsync(ct).ConfigureAwait(false);
            }

            foreach (var warning in warnings)
            {
                await error.WriteLineAsync($"warning: {warning} ({dir.FullName})").ConfigureAwait(false);
            }

            if (others.Count > 0)
            {
                await output.WriteLineAsync(Average(shared.Count > 0 ? "average(other systems)" : "average", others)).ConfigureAwait(false);
                if (shared.Count > 0)
                {
                    await output.WriteLineAsync(Average("average(all)", [.. shared, .. others])).ConfigureAwait(false);
                }
            }

            if (shared.Count + others.Count == 0)
            {
                throw new CommandLineError("no Loghub structured files in the data folder", dir.FullName);
            }

            return 0;
        });
        return command;
    }

    private static async Task<SystemAccuracy?> EvaluateOtherAsync(string directory, LoghubSystem system, TemplateMinerOptions options, TextWriter error)
    {
        try
        {
            return ParsingBenchmark.Evaluate(directory, system, options);
        }
        catch (SecurityKitException e) when (system.Format is not null && e.Location != system.Name + LoghubSystem.StructuredSuffix)
        {
            // The structured file was read, so the format is what failed: score the content column alone.
            await error.WriteLineAsync($"warning: {e.Message}; raw log of {system.Name} not scored ({LoghubFolder.FormatsFile})").ConfigureAwait(false);
            return ParsingBenchmark.Evaluate(directory, system with { Format = null }, options);
        }
        catch (SecurityKitException e)
        {
            await error.WriteLineAsync($"warning: {e.Message}; {system.Name} skipped ({e.Location})").ConfigureAwait(false);
            return null;
        }
    }

    private static string Row(SystemAccuracy a) => a.RawEvents < 0
        ? string.Create(CultureInfo.InvariantCulture, $"{a.System,-10} {a.Lines,6} {a.TruthEvents,6} {a.ContentOnlyEvents,16} {a.ContentOnlyAccuracy,18:F4} {"-",12} {"-",14}")
        : string.Create(CultureInfo.InvariantCulture, $"{a.System,-10} {a.Lines,6} {a.TruthEvents,6} {a.ContentOnlyEvents,16} {a.ContentOnlyAccuracy,18:F4} {a.RawEvents,12} {a.RawAccuracy,14:F4}");

    private static string Average(string label, List<SystemAccuracy> rows)
    {
        var raw = rows.Where(x => x.RawEvents >= 0).ToList();
        var rawText = raw.Count == 0 ? "-" : raw.Average(x => x.RawAccuracy).ToString("F4", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{label,-10} {rows.Sum(x => x.Lines),6} {"",6} {"",16} {rows.Average(x => x.ContentOnlyAccuracy),18:F4} {"",12} {rawText,14}");
    }
}
