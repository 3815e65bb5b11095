using System.CommandLine;
using System.Globalization;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Detection.Anomaly.Logs.Scenario;

namespace SecurityKit.Cli.Commands.Logs;

/// <summary>
/// <c>logs generate-access --out DIR</c> writes a synthetic record-consultation log with planted misuse;
/// <c>logs access-eval --data DIR</c> fits on its baseline, ranks the test period's agent-hours and prints precision at k.
/// </summary>
internal static class AccessScenarioCommands
{
    public static Command Generate()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder to write baseline.log, test.log, directory.csv and planted.csv into.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 7 };
        var command = new Command("generate-access", "Generate a citizen-record access log (agent, time, record, purpose) with planted misuse cases.");
        command.Options.Add(outDir);
        command.Options.Add(seed);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var dir = r.GetValue(outDir)!;
            dir.Create();
            var generator = new AccessLogGenerator(r.GetValue(seed));
            var (baseline, test, planted) = generator.Generate(new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc));
            await WriteAsync(Path.Combine(dir.FullName, "baseline.log"), baseline, ct).ConfigureAwait(false);
            await WriteAsync(Path.Combine(dir.FullName, "test.log"), test, ct).ConfigureAwait(false);
            await WriteAsync(Path.Combine(dir.FullName, "directory.csv"), ["agent,own_record,team", .. generator.OwnRecords.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key},{a.Value},{generator.Teams[a.Key]}"))], ct).ConfigureAwait(false);
            await WriteAsync(Path.Combine(dir.FullName, "planted.csv"), ["agent,hour,case", .. planted.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Agent},{p.Hour:yyyy-MM-ddTHH:mm:ssZ},{p.Kind}"))], ct).ConfigureAwait(false);
            await r.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {baseline.Count} baseline lines, {test.Count} test lines, {planted.Count} planted cases to {dir.FullName}")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    public static Command Evaluate()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder written by logs generate-access.", Required = true };
        var command = new Command("access-eval", "Rank the test period's agent-hours of a generated access log and print precision at k for the planted cases.");
        command.Options.Add(data);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var dir = r.GetValue(data)!;
            string File(string name) => System.IO.File.Exists(Path.Combine(dir.FullName, name)) ? Path.Combine(dir.FullName, name) : throw new CommandLineError("file missing", name);
            var own = new Dictionary<string, int>(StringComparer.Ordinal);
            var teams = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (line, i) in (await System.IO.File.ReadAllLinesAsync(File("directory.csv"), ct).ConfigureAwait(false)).Skip(1).Select((l, i) => (l, i)))
            {
                var f = line.Split(',');
                if (f.Length != 3 || !int.TryParse(f[1], CultureInfo.InvariantCulture, out var record) || !int.TryParse(f[2], CultureInfo.InvariantCulture, out var team))
                {
                    throw new CommandLineError("malformed directory row", $"directory.csv row {i + 2}");
                }

                own[f[0]] = record;
                teams[f[0]] = team;
            }

            var planted = new List<PlantedIncident>();
            foreach (var (line, i) in (await System.IO.File.ReadAllLinesAsync(File("planted.csv"), ct).ConfigureAwait(false)).Skip(1).Select((l, i) => (l, i)))
            {
                var f = line.Split(',');
                if (f.Length != 3 || !DateTime.TryParse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var hour) || !Enum.TryParse<PlantedCase>(f[2], out var kind))
                {
                    throw new CommandLineError("malformed planted row", $"planted.csv row {i + 2}");
                }

                planted.Add(new PlantedIncident(f[0], hour, kind));
            }

            var scorer = new AccessScenarioScorer(own, teams);
            scorer.Fit(System.IO.File.ReadLines(File("baseline.log")));
            var ranked = scorer.Score(System.IO.File.ReadLines(File("test.log")));
            var o = r.InvocationConfiguration.Output;
            var k = planted.Select(p => (p.Agent, p.Hour)).Distinct().Count();
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{ranked.Count} agent-hours scored, {k} hold planted cases; precision@{k} = {AccessScenarioScorer.PrecisionAtK(ranked, planted, k):F3}, precision@{2 * k} = {AccessScenarioScorer.PrecisionAtK(ranked, planted, 2 * k):F3}; {scorer.BadLines} unreadable lines")).ConfigureAwait(false);
            var set = planted.ToDictionary(p => (p.Agent, p.Hour), p => p.Kind.ToString());
            foreach (var (w, i) in ranked.Take(2 * k).Select((w, i) => (w, i)))
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{i + 1,3}. {w.Agent} {w.Hour:yyyy-MM-dd HH}h score {w.Score:F4} [{set.GetValueOrDefault((w.Agent, w.Hour), "not planted")}] {string.Join("; ", w.Reasons)}")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static async Task WriteAsync(string path, IEnumerable<string> lines, CancellationToken ct)
    {
        var temp = path + ".tmp";
        await System.IO.File.WriteAllLinesAsync(temp, lines, ct).ConfigureAwait(false);
        System.IO.File.Move(temp, path, overwrite: true);
    }
}
