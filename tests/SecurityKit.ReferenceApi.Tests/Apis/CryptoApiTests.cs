using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary><c>POST /crypto/inventory</c>: uploaded certificates in, a CycloneDX 1.6 CBOM out.</summary>
public sealed class CryptoApiTests : IClassFixture<KestrelApiFactory>
{
    private static readonly Uri Inventory = new("/crypto/inventory", UriKind.Relative);
    private readonly KestrelApiFactory factory;

    public CryptoApiTests(KestrelApiFactory factory) => this.factory = factory;

    private static ByteArrayContent CertificatePem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=inventory test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-pem-file");
        return content;
    }

    [Fact]
    public async Task An_uploaded_certificate_appears_in_the_CBOM_with_its_algorithm()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("crypto"));
        using var form = new MultipartFormDataContent { { CertificatePem(), "files", "../../etc/server.pem" } };

        using var response = await client.PostAsync(Inventory, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        using var cbom = JsonDocument.Parse(json);
        Assert.Equal("1.6", cbom.RootElement.GetProperty("specVersion").GetString());
        Assert.Contains(cbom.RootElement.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "ECDSA-P-256");
        Assert.DoesNotContain("sk-inventory-", json, StringComparison.Ordinal);
        Assert.DoesNotContain("/etc/", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_files_is_answered_400()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("crypto"));
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };

        using var response = await client.PostAsync(Inventory, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_without_the_crypto_scope_is_refused_with_403()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("pii"));
        using var form = new MultipartFormDataContent { { CertificatePem(), "files", "c.pem" } };

        using var response = await client.PostAsync(Inventory, form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
