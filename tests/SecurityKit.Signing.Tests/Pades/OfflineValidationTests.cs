using SecurityKit.Signing.DevPki;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Pades.Validation;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Validation;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

/// <summary>
/// Long-term validation from the PDF's own DSS: a B-LT and a B-LTA PDF made with the development PKI (OCSP responder,
/// CRLs, TSA on loopback) validate after that server is stopped, with the shared CAdES validator.
/// </summary>
public sealed class OfflineValidationTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory directory = new("pades-offline");
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private TestPki pki = null!;
    private TestPkiServer? server;

    public Task InitializeAsync()
    {
        pki = TestPki.Create(directory.File("pki"), FreePort.Next());
        server = TestPkiServer.Start(pki);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        http.Dispose();
        directory.Dispose();
    }

    private async Task<byte[]> SignAsync(PadesLevel level)
    {
        using var key = CertificateKeySigner.FromPfx(pki.PfxPath(TestPkiIdentity.Signer), pki.Password);
        using var input = new MemoryStream(TestPdfs.Classic(2));
        using var output = new MemoryStream();
        await new PadesSigner(http).SignAsync(input, output, new PadesSignatureParameters
        {
            SigningCertificate = key.Certificate,
            CertificateChain = key.CertificateChain,
            Level = level,
            TimestampAuthority = server!.BaseUrl,
        });
        return output.ToArray();
    }

    private async Task StopServerAsync()
    {
        await server!.DisposeAsync();
        server = null;
    }

    // Online checking stays on, pointed at the stopped server: whatever passes came from the document.
    private async Task<ValidationReport> ValidateAsync(byte[] pdf) =>
        await new SignedDocumentValidator().ValidateAsync(new MemoryStream(pdf), null, new ValidationOptions
        {
            TrustAnchors = [pki.Root],
            OnlineRevocation = new RevocationChecker(http),
        });

    [Theory]
    [InlineData(PadesLevel.BaselineLT, "PAdES-BASELINE-LT")]
    [InlineData(PadesLevel.BaselineLTA, "PAdES-BASELINE-LTA")]
    public async Task A_long_term_PDF_validates_from_its_DSS_with_the_OCSP_responder_and_TSA_stopped(PadesLevel level, string format)
    {
        var signed = await SignAsync(level);
        await StopServerAsync();
        var report = await ValidateAsync(signed);
        Assert.All(report.Signatures, s => Assert.True(s.Indication == Indication.TotalPassed, string.Join("; ", s.Errors)));
        var signature = report.Signatures[0];
        Assert.Equal(format, signature.Format);
        Assert.NotEmpty(signature.Revocation);
        Assert.All(signature.Revocation, r => Assert.Equal("DSS", r.Origin));
        Assert.Equal(level == PadesLevel.BaselineLTA ? 2 : 1, report.Signatures.Count);
    }

    [Fact]
    public async Task A_B_T_PDF_without_DSS_is_indeterminate_when_the_responders_are_down()
    {
        var signed = await SignAsync(PadesLevel.BaselineT);
        await StopServerAsync();
        var signature = Assert.Single((await ValidateAsync(signed)).Signatures);
        Assert.Equal(Indication.Indeterminate, signature.Indication);
        Assert.Equal(SubIndication.TryLater, signature.SubIndication);
    }

    [Fact]
    public async Task Revocation_data_older_than_the_policy_maximum_is_passed_over()
    {
        // A B-B signature given a DSS: without a timestamp the control time is the validation time (EN 319 102-1
        // §5.2.5.4), here a day after the DSS was fetched.
        var signed = await SignAsync(PadesLevel.BaselineB);
        using (var stream = new MemoryStream())
        {
            stream.Write(signed);
            await new PadesSigner(http).ExtendAsync(stream, PadesLevel.BaselineLT, null);
            signed = stream.ToArray();
        }

        await StopServerAsync();
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);
        var lenient = await new SignedDocumentValidator().ValidateAsync(new MemoryStream(signed), null, new ValidationOptions { TrustAnchors = [pki.Root], ValidationTime = tomorrow });
        Assert.Equal(Indication.TotalPassed, lenient.Signatures[0].Indication);
        var strict = await new SignedDocumentValidator().ValidateAsync(new MemoryStream(signed), null, new ValidationOptions
        {
            TrustAnchors = [pki.Root],
            ValidationTime = tomorrow,
            MaximumRevocationAge = TimeSpan.FromHours(1),
        });
        Assert.Equal(SubIndication.TryLater, strict.Signatures[0].SubIndication);
        Assert.Contains(strict.Signatures[0].Errors, e => e.Contains("maximum age", StringComparison.Ordinal));
    }
}
