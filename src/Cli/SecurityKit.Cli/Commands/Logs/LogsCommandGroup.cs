using System.CommandLine;
using SecurityKit.Cli.Infrastructure;

namespace SecurityKit.Cli.Commands.Logs;

/// <summary>The <c>logs</c> commands: template mining, its accuracy, and anomaly scoring of logs.</summary>
internal sealed class LogsCommandGroup : ICommandGroup
{
    public IEnumerable<Command> CreateCommands()
    {
        var logs = new Command("logs", "Mine log templates and score logs for anomalies.");
        logs.Subcommands.Add(TemplatesCommand.Create());
        logs.Subcommands.Add(AccuracyCommand.Create());
        yield return logs;
    }
}
