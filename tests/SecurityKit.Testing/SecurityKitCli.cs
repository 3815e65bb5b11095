namespace SecurityKit.Testing;

/// <summary>
/// Runs the real <c>securitykit</c> command as a separate process, the way scripts and the acceptance checks do.
/// The test project must reference the CLI project so that SecurityKit.Cli.dll sits beside the test binaries.
/// </summary>
public static class SecurityKitCli
{
    /// <summary>The CLI's main assembly beside the test binaries.</summary>
    public static string AssemblyPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "SecurityKit.Cli.dll");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException("SecurityKit.Cli.dll is not beside the tests; reference src/Cli from the test project");
        }
    }

    /// <summary>Runs <c>securitykit ARGS</c> with optional standard input.</summary>
    public static Task<ToolResult> RunAsync(IEnumerable<string> arguments, string? standardInput = null, string? workingDirectory = null, TimeSpan? timeout = null) =>
        ExternalTool.RunAsync("dotnet", [AssemblyPath, .. arguments], standardInput, workingDirectory: workingDirectory, timeout: timeout);

    /// <summary>Runs <c>securitykit ARGS</c>.</summary>
    public static Task<ToolResult> RunAsync(params string[] arguments) => RunAsync(arguments, null);
}
