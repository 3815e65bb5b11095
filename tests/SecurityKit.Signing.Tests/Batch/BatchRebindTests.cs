using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Tests.Pades;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>Rebinding a signatory to another certificate (a renewed eID card) by the explicit operation.</summary>
public sealed class BatchRebindTests : IDisposable
{
    private const string Id = "b1";
    private readonly BatchWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_signatory_rebound_before_signing_signs_every_document_with_the_new_certificate()
    {
        var events = new EventLog();
        var (service, batch, _) = await StartAsync(4, events);
        using var old = workspace.Key();
        using var renewed = RenewedKey();
        await service.GetDataToSignAsync(Id, "df", old.Certificate);

        Assert.True(await service.RebindSignatoryAsync(Id, "df", renewed.Certificate, "renewed eID card"));
        await Assert.ThrowsAsync<BatchCertificateChangedException>(() => service.SignAsync(Id, "df", new SoftwareKeyBatchDevice(old)));
        var results = await service.SignAsync(Id, "df", new SoftwareKeyBatchDevice(renewed));

        Assert.Equal(["d0", "d2"], results.Select(r => r.Id));
        Assert.All(results, r => Assert.Equal(1, r.Signatures));
        var rebound = events.Events.Where(e => e.Kind == BatchEventKind.SignatoryRebound).ToList();
        Assert.Equal(["d0", "d2"], rebound.Select(e => e.Document));
        Assert.All(rebound, e => Assert.Equal(("df", "renewed eID card", BatchStepStatus.Pending), (e.Signatory, e.Reason!, e.StepStatus)));
        Assert.Contains("\"kind\":\"signatory-rebound\"", System.Text.Encoding.UTF8.GetString(WebhookBatchEventSink.Body(rebound[0])), StringComparison.Ordinal);
        foreach (var document in new[] { "d0", "d2" })
        {
            var output = await TestPdfs.PdfsigAsync(Path.Combine(batch.OutputFolder, ".work", $"{document}.1.pdf"));
            Assert.Equal(1, TestPdfs.Count(output, "Signature is Valid"));
            Assert.Equal(1, TestPdfs.Count(output, "Signer Certificate Common Name: Batch Test Signer (renewed card)"));
        }
    }

    [Fact]
    public async Task Rebinding_after_signatures_is_refused_unless_the_signed_documents_are_kept()
    {
        var (service, _, store) = await StartAsync(2);
        using var old = workspace.Key();
        using var renewed = RenewedKey();
        await service.SignAsync(Id, "df", new SoftwareKeyBatchDevice(old));
        await service.AddDocumentsAsync(Id, [new BatchDocument("d9", workspace.File("d0.pdf"), "opinion")]);

        var refused = await Assert.ThrowsAsync<SecurityKitException>(() => service.RebindSignatoryAsync(Id, "df", renewed.Certificate, "renewed eID card"));
        Assert.True(await service.RebindSignatoryAsync(Id, "df", renewed.Certificate, "renewed eID card", keepSignedDocuments: true));
        var results = await service.SignAsync(Id, "df", new SoftwareKeyBatchDevice(renewed));

        Assert.Contains("already signed documents", refused.Message, StringComparison.Ordinal);
        Assert.Equal("batch b1, signatory df", refused.Location);
        Assert.Equal(["d9"], results.Select(r => r.Id));
    }

    [Fact]
    public async Task Rebinding_is_refused_while_a_session_of_the_signatory_is_signing()
    {
        var (service, _, store) = await StartAsync(2);
        using var old = workspace.Key();
        using var renewed = RenewedKey();
        await service.GetDataToSignAsync(Id, "df", old.Certificate);
        await store.ReleaseClaimsAsync(Id, "external:df");
        Assert.Single(await store.ClaimAsync(Id, "df", "another-worker", 10, TimeSpan.FromMinutes(10)));

        var error = await Assert.ThrowsAsync<SecurityKitException>(() => service.RebindSignatoryAsync(Id, "df", renewed.Certificate, "renewed eID card"));

        Assert.Contains("in progress", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<BatchCertificateChangedException>(() => service.GetDataToSignAsync(Id, "df", renewed.Certificate));
    }

    [Fact]
    public async Task Rebinding_to_the_bound_certificate_changes_nothing()
    {
        var (service, _, store) = await StartAsync(2);
        using var old = workspace.Key();
        await service.GetDataToSignAsync(Id, "df", old.Certificate);

        Assert.False(await service.RebindSignatoryAsync(Id, "df", old.Certificate, "same card"));
    }

    private CertificateKeySigner RenewedKey()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Batch Test Signer (renewed card)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(workspace.File("renewed.pfx"), certificate.Export(X509ContentType.Pkcs12, BatchWorkspace.Password));
        return CertificateKeySigner.FromPfx(workspace.File("renewed.pfx"), BatchWorkspace.Password);
    }

    private Task<(BatchService Service, SigningBatch Batch, SqliteBatchJobStore Store)> StartAsync(int documents, IBatchEventSink? events = null) =>
        workspace.StartAsync(workspace.Manifest(documents), Id, store => new BatchService(store, eventSinks: events is null ? null : [events]));

    private sealed class EventLog : IBatchEventSink
    {
        public List<BatchEvent> Events { get; } = [];

        public ValueTask PublishAsync(BatchEvent batchEvent, CancellationToken cancellationToken = default)
        {
            lock (Events)
            {
                Events.Add(batchEvent);
            }

            return ValueTask.CompletedTask;
        }
    }
}
