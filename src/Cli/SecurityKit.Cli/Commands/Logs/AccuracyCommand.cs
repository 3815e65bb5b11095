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
            await output.WriteLineAsync("system      lines  truth  events(content)  accuracy(content)  events(raw)  accuracy(raw)").ConfigureAwait(false);
            var results = new List<SystemAccuracy>();
            foreach (var system in LoghubSystem.Development)
            {
                if (!File.Exists(Path.Combine(dir.FullName, system.Name + "_2k.log_structured.csv")))
                {
                    continue;
                }

                var a = ParsingBenchmark.Evaluate(dir.FullName, system, options);
                results.Add(a);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{a.System,-10} {a.Lines,6} {a.TruthEvents,6} {a.ContentOnlyEvents,16} {a.ContentOnlyAccuracy,18:F4} {a.RawEvents,12} {a.RawAccuracy,14:F4}")).ConfigureAwait(false);
            }

            if (results.Count == 0)
            {
                throw new CommandLineError("no Loghub structured files in the data folder", dir.FullName);
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{"average",-10} {results.Sum(x => x.Lines),6} {"",6} {"",16} {results.Average(x => x.ContentOnlyAccuracy),18:F4} {"",12} {results.Average(x => x.RawAccuracy),14:F4}")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
