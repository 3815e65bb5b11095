using SecurityKit.Testing;

namespace SecurityKit.Pseudonymization.Tests.Cli;

/// <summary>The commands of CONTRACTS.md, run as the real <c>securitykit</c> process.</summary>
public sealed class PseudonymizationCliTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Fpe_encrypt_gives_the_NIST_FF1_sample()
    {
        var result = await SecurityKitCli.RunAsync("fpe", "encrypt", "--alg", "ff1", "--key", "2B7E151628AED2A6ABF7158809CF4F3C", "--tweak", "", "--radix", "10", "0123456789");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2433477484", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Fpe_errors_are_one_line_and_never_show_the_key()
    {
        var result = await SecurityKitCli.RunAsync("fpe", "encrypt", "--alg", "ff3-1", "--key", "EF4359D8D580AA4F7F036D6F04FC6A94", "--tweak", "D8E7920AFA330A00", "--radix", "10", "890121234567890000");

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("error: ", result.StandardError.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("EF4359D8D580AA4F7F036D6F04FC6A94", result.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pseudonymize_round_trips_through_keys_create()
    {
        var key = directory.File("key");
        Assert.Equal(0, (await SecurityKitCli.RunAsync("keys", "create", "--out", key)).ExitCode);

        var forward = await SecurityKitCli.RunAsync(["pseudonymize", "--type", "national-number", "--key-file", key, "--domain", "d"], "85.07.30-033.28\n");
        var back = await SecurityKitCli.RunAsync(["pseudonymize", "--type", "national-number", "--key-file", key, "--domain", "d", "--reverse"], forward.StandardOutput);

        Assert.Equal(0, forward.ExitCode);
        Assert.Equal("85073003328", back.StandardOutput.Trim());
    }

    [Fact]
    public async Task An_invalid_line_fails_with_its_line_number_and_no_original_on_stdout()
    {
        var key = directory.File("key");
        await SecurityKitCli.RunAsync("keys", "create", "--out", key);

        var result = await SecurityKitCli.RunAsync(["pseudonymize", "--type", "national-number", "--key-file", key, "--domain", "d"], "85073003328\n85073003329\n");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(line 2)", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("85073003329", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_keeps_line_alignment_and_reports_counts_on_stderr()
    {
        var key = directory.File("key");
        await SecurityKitCli.RunAsync("keys", "create", "--out", key);

        var result = await SecurityKitCli.RunAsync(["pseudonymize", "--type", "national-number", "--key-file", key, "--domain", "d", "--on-invalid", "skip"], "85073003328\n85073003329\n85073003328\n");

        Assert.Equal(0, result.ExitCode);
        var lines = result.StandardOutput.Split('\n');
        Assert.Equal(["", lines[0]], lines[1..3]);
        Assert.Contains("3 lines, 1 invalid", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("85073003329", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_key_file_is_a_one_line_error()
    {
        var result = await SecurityKitCli.RunAsync(["pseudonymize", "--type", "iban", "--key-file", directory.File("missing"), "--domain", "d"], "BE71096123456769\n");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("key file cannot be read", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_mode_writes_the_output_file()
    {
        var key = directory.File("key");
        await SecurityKitCli.RunAsync("keys", "create", "--out", key);
        await File.WriteAllTextAsync(directory.File("in.csv"), "id;vat\n1;BE0123.456.749\n");

        var result = await SecurityKitCli.RunAsync("pseudonymize", "--type", "enterprise-number", "--key-file", key, "--domain", "d", "--csv", "--in", directory.File("in.csv"), "--out", directory.File("out.csv"), "--columns", "vat", "--delimiter", ";");

        Assert.Equal(0, result.ExitCode);
        var row = (await File.ReadAllLinesAsync(directory.File("out.csv")))[1].Split(';');
        Assert.Equal("1", row[0]);
        Assert.Matches("^[01][0-9]{9}$", row[1]);
    }
}
