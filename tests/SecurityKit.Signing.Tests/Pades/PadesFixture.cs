using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Pades.Validation;

namespace SecurityKit.Signing.Tests.Pades;

/// <summary>One test PKI (with its loopback CRL server and TSA) shared by the PAdES tests of a class.</summary>
public sealed class PadesFixture : IDisposable
{
    public PadesTestPki Pki { get; } = new();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    public async Task<byte[]> SignAsync(byte[] pdf, PadesLevel level = PadesLevel.BaselineB, X509Certificate2? signer = null, string? field = null)
    {
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        var parameters = new PadesSignatureParameters
        {
            SigningCertificate = signer ?? Pki.Signer,
            CertificateChain = [Pki.Root],
            Level = level,
            TimestampAuthority = level >= PadesLevel.BaselineT ? Pki.TsaUrl : null,
            FieldName = field,
            Reason = "Approbation",
        };
        await new PadesSigner(Http).SignAsync(input, output, parameters);
        return output.ToArray();
    }

    public async Task<PadesValidationReport> ValidateAsync(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        return await new PadesValidator(Http).ValidateAsync(stream, Pki.Anchors);
    }

    public void Dispose()
    {
        Http.Dispose();
        Pki.Dispose();
    }
}
