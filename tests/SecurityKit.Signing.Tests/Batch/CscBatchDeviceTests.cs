using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Tests.Pades;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>A remote signing service in the Cloud Signature Consortium API v2 shape, played by a loopback server.</summary>
public sealed class CscBatchDeviceTests : IDisposable
{
    private const string Pin = "2468";
    private readonly BatchWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task One_authorisation_covers_all_the_hashes_of_a_signatory_session()
    {
        using var key = workspace.Key();
        await using var service = new CscService(key);
        using var http = new HttpClient();
        var device = new CscBatchDevice(http, new CscBatchDeviceOptions { BaseUrl = service.BaseUrl, CredentialId = "seal-1", Pin = Pin, AccessToken = "token" }, key.Certificate);
        var batch = SigningBatch.Load(workspace.Manifest(6, device: "remote-service"));
        await using var store = new SqliteBatchJobStore(batch.StorePath);
        var batches = new BatchService(store);
        await batches.SaveAsync(BatchWorkspace.BatchId, batch);

        await batches.SignAsync(BatchWorkspace.BatchId, "df", device);
        await batches.SignAsync(BatchWorkspace.BatchId, "dg", device);

        Assert.Equal([3, 6], service.Authorizations);
        Assert.Equal(2, service.SignHashCalls);
        for (var i = 0; i < 6; i++)
        {
            var output = await TestPdfs.PdfsigAsync(Path.Combine(batch.OutputFolder, $"d{i}.pdf"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature is Valid"));
        }
    }

    [Fact]
    public async Task A_refused_authorisation_leaves_every_document_pending()
    {
        using var key = workspace.Key();
        await using var service = new CscService(key);
        using var http = new HttpClient();
        var device = new CscBatchDevice(http, new CscBatchDeviceOptions { BaseUrl = service.BaseUrl, CredentialId = "seal-1", Pin = "0000" }, key.Certificate);
        var batch = SigningBatch.Load(workspace.Manifest(2, device: "remote-service"));
        await using var store = new SqliteBatchJobStore(batch.StorePath);
        var batches = new BatchService(store);
        await batches.SaveAsync(BatchWorkspace.BatchId, batch);

        var error = await Assert.ThrowsAsync<SecurityKitException>(() => batches.SignAsync(BatchWorkspace.BatchId, "dg", device));

        Assert.Contains("HTTP 400, invalid_request", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0000", error.Message, StringComparison.Ordinal);
        var status = await batches.GetStatusAsync(BatchWorkspace.BatchId);
        Assert.All(status.Steps, s => Assert.Equal(BatchStepStatus.Pending, s.Status));
        Assert.Empty(Directory.GetFiles(BatchService.WorkFolder(batch)));
    }

    /// <summary>
    /// credentials/authorize returns a SAD bound to the given hashes (numSignatures of them); signatures/signHash signs
    /// only hashes that SAD covers, once.
    /// </summary>
    private sealed class CscService : IAsyncDisposable
    {
        private readonly HttpListener listener = new();
        private readonly CertificateKeySigner key;
        private readonly Dictionary<string, List<string>> authorized = [];
        private readonly Task loop;

        public CscService(CertificateKeySigner key)
        {
            this.key = key;
            BaseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/csc/v2/");
            listener.Prefixes.Add(BaseUrl.AbsoluteUri);
            listener.Start();
            loop = Task.Run(ServeAsync);
        }

        public Uri BaseUrl { get; }

        public List<int> Authorizations { get; } = [];

        public int SignHashCalls { get; private set; }

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            await loop;
            listener.Close();
        }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var request = await JsonDocument.ParseAsync(context.Request.InputStream);
                var (status, body) = context.Request.Url!.AbsolutePath.EndsWith("credentials/authorize", StringComparison.Ordinal) ? Authorize(request.RootElement)
                    : context.Request.Url.AbsolutePath.EndsWith("signatures/signHash", StringComparison.Ordinal) ? SignHash(request.RootElement)
                    : (404, "{\"error\":\"invalid_request\"}");
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        private (int, string) Authorize(JsonElement request)
        {
            // A list, not a set: identical documents signed in one session have identical hashes.
            var hashes = request.GetProperty("hashes").EnumerateArray().Select(h => h.GetString()!).ToList();
            if (request.GetProperty("PIN").GetString() != Pin || request.GetProperty("numSignatures").GetInt32() != hashes.Count)
            {
                return (400, "{\"error\":\"invalid_request\",\"error_description\":\"invalid PIN\"}");
            }

            Authorizations.Add(hashes.Count);
            var sad = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            authorized[sad] = hashes;
            return (200, JsonSerializer.Serialize(new Dictionary<string, object> { ["SAD"] = sad, ["expiresIn"] = 300 }));
        }

        private (int, string) SignHash(JsonElement request)
        {
            SignHashCalls++;
            var hashes = request.GetProperty("hashes").EnumerateArray().Select(h => h.GetString()!).ToList();
            if (!authorized.Remove(request.GetProperty("SAD").GetString()!, out var allowed) || !hashes.Order(StringComparer.Ordinal).SequenceEqual(allowed.Order(StringComparer.Ordinal))
                || request.GetProperty("hashAlgorithmOID").GetString() != "2.16.840.1.101.3.4.2.1")
            {
                return (400, "{\"error\":\"invalid_request\",\"error_description\":\"SAD does not cover these hashes\"}");
            }

            using var rsa = key.Certificate.GetRSAPrivateKey()!;
            var signatures = hashes.Select(h => Convert.ToBase64String(rsa.SignHash(Convert.FromBase64String(h), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))).ToList();
            return (200, JsonSerializer.Serialize(new Dictionary<string, object> { ["signatures"] = signatures }));
        }
    }
}
