using SecurityKit.Testing;

namespace SecurityKit.Cli.Tests;

/// <summary>The parts of CONTRACTS.md that hold for every command: help, version, exit codes, one-line errors.</summary>
public sealed class CommandLineContractTests
{
    [Fact]
    public async Task Help_names_the_command_and_exits_zero()
    {
        var result = await SecurityKitCli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("securitykit", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Version_prints_the_package_version_and_exits_zero()
    {
        var result = await SecurityKitCli.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.StandardOutput.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_one_error_line_on_stderr_with_a_non_zero_exit()
    {
        var result = await SecurityKitCli.RunAsync("no-such-command");

        Assert.NotEqual(0, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(@"^error: .+ \(.+\)$", line));
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }
}
