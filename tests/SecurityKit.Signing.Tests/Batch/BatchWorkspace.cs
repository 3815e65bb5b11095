using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Tests.Pades;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>A folder with test PDFs, a self-signed signer in a PFX and a manifest, for the batch tests.</summary>
internal sealed class BatchWorkspace : IDisposable
{
    public const string Password = "batch-test";

    public const string BatchId = "manifest";

    private readonly TemporaryDirectory directory = new("sk-batch");
    private readonly List<SqliteBatchJobStore> stores = [];

    public BatchWorkspace()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Batch Test Signer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        System.IO.File.WriteAllBytes(directory.File("s.pfx"), certificate.Export(X509ContentType.Pkcs12, Password));
    }

    public string Folder => directory.Path;

    public string File(string name) => directory.File(name);

    /// <summary>Writes <paramref name="count"/> PDFs d0… (even: opinion, odd: report), plus extra documents, and a
    /// two-signatory manifest: the finance director signs opinions, the director-general everything.</summary>
    public string Manifest(int count, IEnumerable<object>? extraDocuments = null, Dictionary<string, string[]>? policy = null, string password = Password, string device = "software-key", string level = "B-B", string? tsa = null, object? appearance = null)
    {
        var documents = new List<object>();
        for (var i = 0; i < count; i++)
        {
            System.IO.File.WriteAllBytes(File($"d{i}.pdf"), TestPdfs.Classic(1 + (i % 2)));
            documents.Add(new { id = $"d{i}", path = $"d{i}.pdf", kind = i % 2 == 0 ? "opinion" : "report" });
        }

        documents.AddRange(extraDocuments ?? []);
        var manifest = new
        {
            documents,
            signatories = new[]
            {
                new { id = "df", name = "Finance Director", role = "finance-director", pfx = "s.pfx", password, device },
                new { id = "dg", name = "Director General", role = "director-general", pfx = "s.pfx", password, device },
            },
            policy = policy ?? new Dictionary<string, string[]> { ["finance-director"] = ["opinion"], ["director-general"] = ["*"] },
            appearance = appearance ?? new { },
            level,
            tsa,
            @out = "signed",
            store = "batch.db",
        };
        var path = File("batch.json");
        System.IO.File.WriteAllText(path, JsonSerializer.Serialize(manifest));
        return path;
    }

    /// <summary>
    /// Loads <paramref name="manifest"/>, opens its SQLite job store (closed when the workspace is disposed) and saves
    /// the batch as <paramref name="id"/> in a new <see cref="BatchService"/>, or in the one <paramref name="service"/> makes.
    /// </summary>
    public async Task<(BatchService Service, SigningBatch Batch, SqliteBatchJobStore Store)> StartAsync(string manifest, string id = BatchId, Func<IBatchJobStore, BatchService>? service = null)
    {
        var batch = SigningBatch.Load(manifest);
        var store = new SqliteBatchJobStore(batch.StorePath);
        stores.Add(store);
        var started = service?.Invoke(store) ?? new BatchService(store);
        await started.SaveAsync(id, batch);
        return (started, batch, store);
    }

    /// <summary>The signer key of the workspace (a self-signed RSA-2048 certificate, the same for both signatories).</summary>
    public CertificateKeySigner Key() => CertificateKeySigner.FromPfx(File("s.pfx"), Password);

    /// <summary>Runs (or resumes) <paramref name="batch"/> in-process with its PFX keys, as the CLI does.</summary>
    public static async Task<IReadOnlyList<BatchDocumentResult>> RunAsync(SigningBatch batch, Func<IBatchJobStore, BatchService>? service = null, CancellationToken cancellationToken = default)
    {
        var keys = new Dictionary<string, CertificateKeySigner>();
        try
        {
            foreach (var signatory in batch.Signatories)
            {
                keys[signatory.Id] = SoftwareKeyBatchDevice.OpenPfx(signatory);
            }

            await using var store = new SqliteBatchJobStore(batch.StorePath);
            var runner = service?.Invoke(store) ?? new BatchService(store);
            await runner.SaveAsync(BatchId, batch, cancellationToken);
            return await runner.RunAsync(BatchId, s => new SoftwareKeyBatchDevice(keys[s.Id]), cancellationToken);
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var store in stores)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        directory.Dispose();
    }
}
