using SecurityKit.Signing.Batch;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>
/// Two requests on one API node call <see cref="BatchService.SignAsync"/> of the same service at once. Each call
/// claims under its own name, so neither takes over the other's steps or deletes its temporary outputs (found by the
/// two-node API test, where a document failed with "the document file does not exist").
/// </summary>
public sealed class BatchConcurrentSignTests : IDisposable
{
    private const string Id = BatchWorkspace.BatchId;
    private readonly BatchWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Two_concurrent_sign_calls_of_one_service_sign_every_document_exactly_once()
    {
        const int Documents = 24;
        var (service, _, _) = await workspace.StartAsync(workspace.Manifest(Documents));
        using var key = workspace.Key();

        foreach (var signatory in new[] { "df", "dg" })
        {
            var results = await Task.WhenAll(
                service.SignAsync(Id, signatory, new SoftwareKeyBatchDevice(key)),
                service.SignAsync(Id, signatory, new SoftwareKeyBatchDevice(key)));
            Assert.All(results.SelectMany(r => r), r => Assert.True(r.Status != BatchStepStatus.Failed, $"{r.Id}: {r.Error}"));
        }

        Assert.All((await service.GetStatusAsync(Id)).Documents, d => Assert.Equal(BatchStepStatus.Signed, d.Status));
        await BatchKillResumeTests.AssertEachDocumentSignedAsDueAsync(workspace, Documents, requireAll: true);
    }
}
