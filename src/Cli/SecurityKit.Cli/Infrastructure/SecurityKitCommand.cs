using System.CommandLine;
using System.Reflection;

namespace SecurityKit.Cli.Infrastructure;

/// <summary>
/// Builds the <c>securitykit</c> root command from every <see cref="ICommandGroup"/> in this assembly and runs it
/// with the error contract of CONTRACTS.md: exit 0 on success, non-zero on failure, errors on stderr as one line
/// <c>error: &lt;what&gt; (&lt;where&gt;)</c>, never a stack trace and never a key.
/// </summary>
internal static class SecurityKitCommand
{
    /// <summary>Exit code for a usage error (unknown option, missing argument).</summary>
    public const int UsageExitCode = 2;

    public static RootCommand Create()
    {
        var root = new RootCommand(
            "SecurityKit: format-preserving pseudonymisation, qualified signatures, PII filtering, anomaly scoring and crypto agility for Belgian public-sector applications.");
        var groups = typeof(SecurityKitCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommandGroup).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        var instances = groups.Select(t => (ICommandGroup)Activator.CreateInstance(t)!).ToList();
        foreach (var group in instances.Where(g => g.Parent.Length == 0))
        {
            foreach (var command in group.CreateCommands())
            {
                root.Subcommands.Add(command);
            }
        }

        foreach (var group in instances.Where(g => g.Parent.Length > 0))
        {
            var parent = root.Subcommands.FirstOrDefault(c => c.Name == group.Parent);
            if (parent is null)
            {
                parent = new Command(group.Parent, ParentDescription(group.Parent));
                root.Subcommands.Add(parent);
            }

            foreach (var command in group.CreateCommands())
            {
                parent.Subcommands.Add(command);
            }
        }

        return root;
    }

    private static string ParentDescription(string name) => name switch
    {
        "sign" => "Make CAdES and PAdES signatures, one document or a batch.",
        "dev" => "Development-only helpers: a test PKI, a test TSA and OCSP responder.",
        _ => $"{name} commands.",
    };

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = Create();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && !WantsHelp(args))
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message} (command line)").ConfigureAwait(false);
            }

            return UsageExitCode;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            };
            return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            await error.WriteLineAsync(ErrorLine.For(exception)).ConfigureAwait(false);
            return exception is CommandLineError cle ? cle.ExitCode : 1;
        }
    }

    private static bool WantsHelp(string[] args) =>
        args.Any(a => a is "--help" or "-h" or "-?" or "--version");

    /// <summary>Name and version shown by <c>--version</c>, from the assembly's informational version.</summary>
    public static string Version =>
        typeof(SecurityKitCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";
}
