using System.Security.Cryptography.X509Certificates;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

/// <summary>
/// <c>securitykit sign pades</c> and <c>validate</c> on an encrypted PDF, as a separate process: the password comes from
/// <c>--pdf-password</c> or from SECURITYKIT_PDF_PASSWORD and is never printed.
/// </summary>
public sealed class EncryptedPdfCliTests(PadesFixture fixture) : IClassFixture<PadesFixture>
{
    private const string Secret = "mot-de-passe-Conseil";

    private async Task<(TemporaryDirectory Directory, string Pfx, string Root)> SetUpAsync()
    {
        var directory = new TemporaryDirectory("pades-cli-encrypted");
        var pfx = directory.File("signer.pfx");
        await File.WriteAllBytesAsync(pfx, fixture.Pki.Signer.Export(X509ContentType.Pfx, "pfx-pw"));
        var root = directory.File("root.pem");
        await File.WriteAllTextAsync(root, fixture.Pki.Root.ExportCertificatePem());
        var encrypted = await TestPdfs.RewriteAsync(TestPdfs.Classic(1), "--encrypt", Secret, "owner-" + Secret, "256", "--");
        await File.WriteAllBytesAsync(directory.File("in.pdf"), encrypted);
        return (directory, pfx, root);
    }

    private static Task<ToolResult> RunAsync(IEnumerable<string> arguments, string? environmentPassword = null) =>
        ExternalTool.RunAsync(
            "dotnet",
            [SecurityKitCli.AssemblyPath, .. arguments],
            environment: environmentPassword is null ? null : new Dictionary<string, string> { ["SECURITYKIT_PDF_PASSWORD"] = environmentPassword });

    [Fact]
    public async Task Sign_pades_takes_the_password_from_the_environment_and_validate_from_the_option()
    {
        var (directory, pfx, root) = await SetUpAsync();
        using (directory)
        {
            var sign = await RunAsync(["sign", "pades", "--in", directory.File("in.pdf"), "--out", directory.File("out.pdf"), "--pfx", pfx, "--password", "pfx-pw"], Secret);
            Assert.True(sign.ExitCode == 0, sign.ToString());
            Assert.DoesNotContain(Secret, sign.StandardOutput + sign.StandardError, StringComparison.Ordinal);

            var pdfsig = await ExternalTool.RunAsync(TestPdfs.Pdfsig, ["-upw", Secret, directory.File("out.pdf")]);
            Assert.Contains("Signature is Valid", pdfsig.StandardOutput, StringComparison.Ordinal);
            var validate = await RunAsync(["validate", "--in", directory.File("out.pdf"), "--trust", root, "--json", "--pdf-password", Secret]);
            Assert.True(validate.ExitCode == 0, validate.ToString());
            Assert.Contains("TOTAL_PASSED", validate.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_password_fails_with_one_error_line_that_does_not_print_it_and_writes_no_file()
    {
        var (directory, pfx, _) = await SetUpAsync();
        using (directory)
        {
            var sign = await RunAsync(["sign", "pades", "--in", directory.File("in.pdf"), "--out", directory.File("out.pdf"), "--pfx", pfx, "--password", "pfx-pw", "--pdf-password", "devine-Conseil"]);
            Assert.NotEqual(0, sign.ExitCode);
            Assert.StartsWith("error: the password opens the encrypted PDF", sign.StandardError.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain("devine-Conseil", sign.StandardOutput + sign.StandardError, StringComparison.Ordinal);
            Assert.Equal(["in.pdf", "root.pem", "signer.pfx"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
    }
}
