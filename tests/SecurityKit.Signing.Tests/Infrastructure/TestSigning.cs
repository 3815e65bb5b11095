using SecurityKit.Signing.Cades;
using SecurityKit.Signing.DevPki;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Timestamps;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Tests.Infrastructure;

/// <summary>Small helpers shared by the CAdES tests.</summary>
internal static class TestSigning
{
    public static readonly HttpClient Http = new();

    public static CertificateKeySigner Signer(this PkiFixture fixture, TestPkiIdentity identity = TestPkiIdentity.Signer) =>
        CertificateKeySigner.FromPfx(fixture.Pki.PfxPath(identity), fixture.Pki.Password);

    public static HttpTimestampClient Tsa(this PkiFixture fixture, int maxAttempts = 2) =>
        new(Http, new TimestampClientOptions { Url = fixture.Server.BaseUrl, MaxAttempts = maxAttempts, InitialBackoff = TimeSpan.FromMilliseconds(20) });

    public static CadesService Service(this PkiFixture fixture) =>
        new(fixture.Tsa(), new ValidationDataCollector(new RevocationChecker(Http)));

    public static ValidationOptions Options(this PkiFixture fixture, bool online = true) => new()
    {
        TrustAnchors = [fixture.Pki.Root],
        OnlineRevocation = online ? new RevocationChecker(Http) : null,
    };

    public static async Task<byte[]> SignAsync(this PkiFixture fixture, byte[] content, SignatureLevel level = SignatureLevel.BaselineB, SignaturePackaging packaging = SignaturePackaging.Detached, TestPkiIdentity identity = TestPkiIdentity.Signer)
    {
        using var signer = fixture.Signer(identity);
        return await fixture.Service().SignAsync(new MemoryStream(content), CadesSignatureParameters.For(signer, level, packaging), signer);
    }

    /// <summary>A CAdES B-T signature through the TSA alone: no validation data is collected, so the validator must find the signer's status.</summary>
    public static async Task<byte[]> SignTimestampedAsync(this PkiFixture fixture, byte[] content, TestPkiIdentity identity)
    {
        using var signer = fixture.Signer(identity);
        return await new CadesService(fixture.Tsa()).SignAsync(new MemoryStream(content), CadesSignatureParameters.For(signer, SignatureLevel.BaselineT), signer);
    }

    public static async Task<SignatureReport> ValidateAsync(this PkiFixture fixture, byte[] cms, byte[]? content, bool online = true)
    {
        var reports = await new CadesValidator().ValidateAsync(cms, content is null ? null : SignedContent.FromBytes(content), fixture.Options(online));
        return Assert.Single(reports);
    }

    public static byte[] Content(int length = 10_000, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Write(this PkiFixture fixture, string name, byte[] bytes)
    {
        var path = Path.Combine(fixture.Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
