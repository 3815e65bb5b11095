using System.CommandLine;

namespace SecurityKit.Cli.Infrastructure;

/// <summary>
/// Commands contributed by one capability (<c>fpe</c>, <c>sign cades</c>, <c>pii</c>, …). Implementations are
/// discovered by <see cref="SecurityKitCommand"/>, so each capability adds its commands in its own folder under
/// <c>Commands/</c> without touching a shared list. Implementations need a public parameterless constructor.
/// </summary>
internal interface ICommandGroup
{
    /// <summary>
    /// The top-level command these commands go under (e.g. <c>sign</c> for <c>sign cades</c> and <c>sign pades</c>,
    /// which come from different capabilities), or empty for top-level commands. A parent that no group defines
    /// is created as a plain container.
    /// </summary>
    string Parent => string.Empty;

    /// <summary>The commands of this group, fully built (options, arguments and actions).</summary>
    IEnumerable<Command> CreateCommands();
}
