namespace SecurityKit.Cli.Infrastructure;

/// <summary>
/// An error found by a command itself (a missing file, a conflicting option). Printed as
/// <c>error: &lt;what&gt; (&lt;where&gt;)</c> like every other error, with its own exit code.
/// </summary>
internal sealed class CommandLineError : SecurityKitException
{
    public CommandLineError(string message, string location, int exitCode = 1)
        : base(message, location)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code to use; never 0.</summary>
    public int ExitCode { get; }
}
