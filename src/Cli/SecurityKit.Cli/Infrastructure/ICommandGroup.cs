using System.CommandLine;

namespace SecurityKit.Cli.Infrastructure;

/// <summary>
/// A group of top-level commands contributed by one capability (<c>fpe</c>, <c>sign</c>, <c>pii</c>, …).
/// Implementations are discovered by <see cref="SecurityKitCommand"/>, so each capability adds its commands in its own
/// folder under <c>Commands/</c> without touching a shared list. Implementations need a public parameterless
/// constructor.
/// </summary>
internal interface ICommandGroup
{
    /// <summary>The top-level commands of this group, fully built (options, arguments and actions).</summary>
    IEnumerable<Command> CreateCommands();
}
