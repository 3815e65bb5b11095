using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Testing;
using static SecurityKit.ReferenceApi.Tests.Apis.BatchApiCalls;

namespace SecurityKit.ReferenceApi.Tests.Apis;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiSoftHsm
{
    public const string Name = "API SoftHSM";
}

/// <summary>
/// A batch signatory whose device is a key in a real PKCS#11 token (SoftHSM2), chosen by label when the batch is
/// created; the API signs with it server-side and pdfsig checks the result.
/// </summary>
[Collection(ApiSoftHsm.Name)]
public sealed class BatchHsmSigningTests : IDisposable
{
    private const string KeyLabel = "portal-seal";
    private readonly SoftHsmToken token = new("api-batch-hsm");
    private readonly TemporaryDirectory folder = new("sk-api-hsm");
    private readonly ApiFactory factory;
    private readonly string certificatePem;

    public BatchHsmSigningTests()
    {
        using var key = RSA.Create(2048);
        token.ImportKey(key, KeyLabel, "01");
        var request = new CertificateRequest("CN=Provincial HSM seal, O=Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        certificatePem = folder.File("seal.pem");
        File.WriteAllText(certificatePem, certificate.ExportCertificatePem());
        factory = new ApiFactory(HsmSettings(token.UserPin));
    }

    private Dictionary<string, string?> HsmSettings(string pin) => new()
    {
        ["Api:Signing:Pkcs11:ModulePath"] = SoftHsmToken.ModulePath,
        ["Api:Signing:Pkcs11:TokenLabel"] = token.Label,
        ["Api:Signing:Pkcs11:UserPin"] = pin,
        ["Api:Signing:Pkcs11:Keys:0:Label"] = KeyLabel,
        ["Api:Signing:Pkcs11:Keys:0:Certificate"] = certificatePem,
    };

    private static Task CreateAsync(HttpClient client, string batch, int documents) => CreateWithDocumentsAsync(
        client, batch, new { id = "province", name = "Province", role = "seal", device = "pkcs11", keyLabel = KeyLabel }, "seal", documents, first: 1);

    public void Dispose()
    {
        factory.Dispose();
        folder.Dispose();
        token.Dispose();
    }

    [Fact]
    public async Task A_pkcs11_signatory_signs_every_document_with_its_token_key()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("sign"));
        await CreateAsync(client, "hsm-1", 2);

        using var signed = await client.PostAsync("/signing/batches/hsm-1/signatories/province/seal", null);

        var status = await Json(signed);
        Assert.All(status.GetProperty("documents").EnumerateArray(), d => Assert.Equal("signed", d.GetProperty("status").GetString()));
        var report = await Pdfsig.ReportAsync(await client.GetByteArrayAsync(new Uri("/signing/batches/hsm-1/documents/d2/signed", UriKind.Relative)));
        Assert.Contains(Pdfsig.Valid, report, StringComparison.Ordinal);
        Assert.Contains("Provincial HSM seal", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_configured_PIN_is_503_problem_json_naming_no_device_detail_and_the_documents_stay_pending()
    {
        using var misconfigured = new ApiFactory(HsmSettings("000000"));
        using var client = misconfigured.ClientWithToken(misconfigured.Credentials.Token("sign"));
        await CreateAsync(client, "hsm-pin", 1);

        using var response = await client.PostAsync("/signing/batches/hsm-pin/signatories/province/seal", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("000000", body, StringComparison.Ordinal);
        Assert.DoesNotContain(SoftHsmToken.ModulePath, body, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Label, body, StringComparison.Ordinal);
        var status = await Json(await client.GetAsync(new Uri("/signing/batches/hsm-pin", UriKind.Relative)));
        Assert.Equal("pending", status.GetProperty("documents")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_external_signatory_cannot_be_signed_server_side()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("sign"));
        await CreateWithDocumentsAsync(client, "hsm-ext", new { id = "mayor", name = "Mayor", role = "mayor", device = "external" }, "mayor", documents: 0);

        using var response = await client.PostAsync("/signing/batches/hsm-ext/signatories/mayor/seal", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
