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
}
