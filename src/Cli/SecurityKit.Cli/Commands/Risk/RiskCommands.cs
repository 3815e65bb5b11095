using System.CommandLine;
using System.Globalization;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Detection.Anomaly.Employers;

namespace SecurityKit.Cli.Commands.Risk;

/// <summary>
/// <c>securitykit risk generate|train|score|eval|benchmark</c>: employer fraud-risk ranking for social-inspection
/// analysts over the data folder of CONTRACTS.md ("Employer risk data").
/// </summary>
internal sealed class RiskCommands : ICommandGroup
{
    public IEnumerable<Command> CreateCommands()
    {
        var risk = new Command("risk", "Employer fraud-risk ranking: generate synthetic data, train, score, evaluate, benchmark.");
        risk.Subcommands.Add(GenerateCommand());
        risk.Subcommands.Add(TrainCommand());
        risk.Subcommands.Add(ScoreCommand());
        risk.Subcommands.Add(EvalCommand());
        risk.Subcommands.Add(RiskBenchmark.Command());
        yield return risk;
    }

    private static Command GenerateCommand()
    {
        var employers = new Option<int>("--employers") { Description = "Number of employers.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same files.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the CSV files to.", Required = true };
        var quarters = new Option<int>("--quarters") { Description = "Number of quarters (ending 2024Q4).", DefaultValueFactory = _ => 12 };
        var command = new Command("generate", "Write a synthetic employer-risk data folder with planted fraud typologies and honest look-alikes.");
        command.Options.Add(employers);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(quarters);
        command.SetAction((ParseResult r, CancellationToken ct) =>
        {
            var options = new EmployerRiskGeneratorOptions { Employers = r.GetValue(employers), Seed = r.GetValue(seed), Quarters = r.GetValue(quarters) };
            var summary = EmployerRiskDataGenerator.Generate(options, r.GetValue(output)!.FullName);
            var planted = string.Join(", ", summary.PlantedByTypology.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{EmployerRiskDataGenerator.TypologyName(p.Key)} {p.Value}")));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"employers {summary.Employers}, declarations {summary.Declarations}, person links {summary.PersonLinks} ({summary.Persons} persons), inspections {summary.Inspections} ({summary.FraudInspections} fraud)"));
            Console.Out.WriteLine($"planted: {planted}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Option<DirectoryInfo> DataOption() =>
        new("--data") { Description = "Folder with employers.csv, declarations.csv, person_links.csv and inspections.csv.", Required = true };

    private static Option<FileInfo> ModelOption() =>
        new("--model") { Description = "Model file (zip).", Required = true };

    private static Command TrainCommand()
    {
        var data = DataOption();
        var model = ModelOption();
        var command = new Command("train", "Train the employer-risk model on a data folder's inspection outcomes.");
        command.Options.Add(data);
        command.Options.Add(model);
        command.SetAction((ParseResult r, CancellationToken ct) =>
        {
            var loaded = EmployerRiskDataLoader.Load(r.GetValue(data)!.FullName);
            PrintWarnings(loaded);
            var trained = EmployerRiskModel.Train(loaded);
            trained.Save(r.GetValue(model)!.FullName);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained on {loaded.Employers.Count} employers, {trained.InspectedEmployers} inspected ({trained.FraudEmployers} with fraud); supervised model: {(trained.HasSupervisedModel ? "yes" : "no (too few outcomes)")}; unusualness weight {trained.UnusualnessWeight:0.##}"));
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command ScoreCommand()
    {
        var data = DataOption();
        var model = ModelOption();
        var output = new Option<FileInfo>("--out") { Description = "ranking.csv to write (employer_id,risk,rank,reasons).", Required = true };
        var command = new Command("score", "Rank every employer of a data folder by fraud risk, with reasons.");
        command.Options.Add(data);
        command.Options.Add(model);
        command.Options.Add(output);
        command.SetAction((ParseResult r, CancellationToken ct) =>
        {
            var trained = EmployerRiskModel.Load(r.GetValue(model)!.FullName);
            var loaded = EmployerRiskDataLoader.Load(r.GetValue(data)!.FullName);
            PrintWarnings(loaded);
            var scores = trained.Score(loaded);
            RankingFile.Write(r.GetValue(output)!.FullName, scores);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ranked {scores.Count} employers"));
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command EvalCommand()
    {
        var data = DataOption();
        var split = new Option<string?>("--split-date") { Description = "Train on inspections up to this date (yyyy-MM-dd); default: 70 % of inspections." };
        var card = new Option<FileInfo?>("--report") { Description = "Also write the Markdown report to this file." };
        var command = new Command("eval", "Time-ordered evaluation: PR-AUC and precision at 1 % and 5 % against baselines.");
        command.Options.Add(data);
        command.Options.Add(split);
        command.Options.Add(card);
        command.SetAction((ParseResult r, CancellationToken ct) =>
        {
            DateOnly? splitDate = null;
            if (r.GetValue(split) is { } text)
            {
                splitDate = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d
                    : throw new CommandLineError("not an ISO date (yyyy-MM-dd)", "--split-date", SecurityKitCommand.UsageExitCode);
            }

            var report = EmployerRiskEvaluation.Run(r.GetValue(data)!.FullName, splitDate);
            Console.Out.Write(report.Markdown);
            if (r.GetValue(card) is { } file)
            {
                File.WriteAllText(file.FullName, report.Markdown);
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static void PrintWarnings(EmployerRiskData data)
    {
        foreach (var warning in data.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }
    }
}
