using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Apis;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Testing;
using static SecurityKit.ReferenceApi.Tests.Apis.BatchApiCalls;

namespace SecurityKit.ReferenceApi.Tests.Scaling;

/// <summary>
/// Two API nodes continuing the same signing batches: one real PostgreSQL on loopback holds the batch job store and
/// the audit log, and both nodes are configured with one shared documents folder (in production a shared volume —
/// NFS, SMB, a Kubernetes ReadWriteMany volume — mounted at the same path on every node) and the same seal.
/// </summary>
public sealed class TwoNodeBatchFixture : IAsyncLifetime, IDisposable
{
    private readonly PostgresServer postgres = new();
    private readonly TemporaryDirectory shared = new("sk-api-batches");

    public ApiFactory NodeA { get; private set; } = null!;

    public ApiFactory NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        var batches = await postgres.CreateDatabaseAsync();
        var audit = await postgres.CreateDatabaseAsync();
        var folder = Directory.CreateDirectory(shared.File("documents")).FullName;
        var pfx = shared.File("seal.pfx");
        using (var key = RSA.Create(3072))
        {
            var request = new CertificateRequest("CN=Two-node test seal, O=SecurityKit", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "seal-password"));
        }

        var settings = new Dictionary<string, string?>
        {
            ["Api:Signing:Batches:Store"] = "postgresql",
            ["Api:Signing:Batches:ConnectionString"] = batches,
            ["Api:Signing:Batches:Folder"] = folder,
            ["Api:Signing:SealPfx"] = pfx,
            ["Api:Signing:SealPassword"] = "seal-password",
            ["Api:Audit:Store"] = "postgresql",
            ["Api:Audit:ConnectionString"] = audit,
        };
        NodeA = new ApiFactory(settings);
        NodeB = new ApiFactory(new Dictionary<string, string?>(settings.Concat(NodeA.Credentials.Configuration())));
        _ = NodeA.Server;
        _ = NodeB.Server;
    }

    public HttpClient Client(ApiFactory node) => node.ClientWithToken(NodeA.Credentials.Token("sign", subject: "portal"));

    public async Task DisposeAsync()
    {
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
        await postgres.DisposeAsync();
    }

    /// <summary>Removes the shared folder once the nodes are stopped (xunit calls this after <see cref="DisposeAsync"/>).</summary>
    public void Dispose() => shared.Dispose();
}

/// <summary>A batch started on one node is continued, signed and downloaded through the other.</summary>
public sealed class TwoNodeBatchTests : IClassFixture<TwoNodeBatchFixture>
{
    private readonly TwoNodeBatchFixture nodes;

    public TwoNodeBatchTests(TwoNodeBatchFixture nodes) => this.nodes = nodes;

    [Fact]
    public async Task A_batch_created_on_node_A_is_signed_externally_through_node_B_and_downloaded_from_either()
    {
        using var a = nodes.Client(nodes.NodeA);
        using var b = nodes.Client(nodes.NodeB);
        using var key = RSA.Create(3072);
        var request = new CertificateRequest("CN=External Signer, O=Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var der = Convert.ToBase64String(certificate.RawData);
        await CreateAsync(a, "two-node-ext", "external");
        await UploadAsync(a, "two-node-ext", "d1");
        await UploadAsync(a, "two-node-ext", "d2");

        using var dataResponse = await b.PostAsJsonAsync("/signing/batches/two-node-ext/signatories/signer/data-to-sign", new { certificate = der });
        var values = (await Json(dataResponse)).GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("document").GetString()!,
            i => Convert.ToBase64String(key.SignData(Convert.FromBase64String(i.GetProperty("dataToSign").GetString()!), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        using var submitted = await b.PostAsJsonAsync("/signing/batches/two-node-ext/signatories/signer/signature-values", new { certificate = der, values });
        await Json(submitted);

        var status = await Json(await a.GetAsync(new Uri("/signing/batches/two-node-ext", UriKind.Relative)));
        Assert.Equal(2, values.Count);
        Assert.Equal("signed", Document(status, "d1").GetProperty("status").GetString());
        Assert.Equal("signed", Document(status, "d2").GetProperty("status").GetString());
        var fromA = await a.GetByteArrayAsync(new Uri("/signing/batches/two-node-ext/documents/d1/signed", UriKind.Relative));
        var fromB = await b.GetByteArrayAsync(new Uri("/signing/batches/two-node-ext/documents/d1/signed", UriKind.Relative));
        Assert.Equal(fromA, fromB);
        var report = await Pdfsig.ReportAsync(fromB);
        Assert.Equal(1, Pdfsig.Count(report, Pdfsig.Valid));
        Assert.Contains("CN=External Signer", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seal_batch_claimed_by_both_nodes_at_once_signs_every_document_exactly_once()
    {
        const int Documents = 8;
        using var a = nodes.Client(nodes.NodeA);
        using var b = nodes.Client(nodes.NodeB);
        await CreateAsync(a, "two-node-seal", "seal");
        for (var i = 0; i < Documents; i++)
        {
            await UploadAsync(i % 2 == 0 ? a : b, "two-node-seal", $"d{i}");
        }

        // Both nodes' workers claim the same signatory's work at the same moment, twice each.
        var calls = Enumerable.Range(0, 4).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? a : b).PostAsync(new Uri("/signing/batches/two-node-seal/signatories/signer/seal", UriKind.Relative), null);
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(calls);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var status = await Json(await b.GetAsync(new Uri("/signing/batches/two-node-seal", UriKind.Relative)));
        for (var i = 0; i < Documents; i++)
        {
            var document = Document(status, $"d{i}");
            Assert.True(document.GetProperty("status").GetString() == "signed", $"d{i}: {document}");
            Assert.Equal(1, document.GetProperty("signatures").GetInt32());
            var report = await Pdfsig.ReportAsync(await (i % 2 == 0 ? b : a).GetByteArrayAsync(new Uri($"/signing/batches/two-node-seal/documents/d{i}/signed", UriKind.Relative)));
            Assert.Equal(1, Pdfsig.Count(report, "Signature #"));
            Assert.Equal(1, Pdfsig.Count(report, Pdfsig.Valid));
        }
    }
}
