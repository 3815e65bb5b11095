using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Tests.Pades;

namespace SecurityKit.Signing.Tests.Batch;

public sealed class BatchSignerTests
{
    [Fact]
    public async Task Each_document_carries_exactly_the_signatures_the_policy_asks_for_in_pdfsig()
    {
        using var workspace = new BatchWorkspace();
        var batch = SigningBatch.Load(workspace.Manifest(4));

        var results = await RunAsync(batch);

        Assert.All(results, r => Assert.Equal(BatchStepStatus.Signed, r.Status));
        for (var i = 0; i < 4; i++)
        {
            var due = i % 2 == 0 ? 2 : 1;
            var output = await TestPdfs.PdfsigAsync(Path.Combine(batch.OutputFolder, $"d{i}.pdf"));
            Assert.Equal(due, TestPdfs.Count(output, "Signature #"));
            Assert.Equal(due, TestPdfs.Count(output, "Signature is Valid"));
            Assert.Equal(due, results[i].Signatures);
        }
    }

    [Fact]
    public async Task A_resumed_batch_signs_nothing_twice()
    {
        using var workspace = new BatchWorkspace();
        var batch = SigningBatch.Load(workspace.Manifest(4));
        using var cancel = new CancellationTokenSource();
        // Stopped at the first stored signature: the outputs already durable are still marked (group commit), the
        // next signatory's session never starts.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BatchWorkspace.RunAsync(batch, store => new BatchService(store, eventSinks: [new CancelAfter(1, cancel)]), cancel.Token));

        Assert.True(Directory.GetFiles(batch.OutputFolder, "*.pdf").Length < 4);

        // A step whose output reached the disk but whose status was never stored (a crash between the two).
        File.Copy(workspace.File("d1.pdf"), Path.Combine(batch.OutputFolder, ".work", "d1.1.pdf"));

        var results = await RunAsync(batch);

        Assert.All(results, r => Assert.Equal(BatchStepStatus.Signed, r.Status));
        for (var i = 0; i < 4; i++)
        {
            var output = await TestPdfs.PdfsigAsync(Path.Combine(batch.OutputFolder, $"d{i}.pdf"));
            Assert.Equal(i % 2 == 0 ? 2 : 1, TestPdfs.Count(output, "Signature #"));
        }
    }

    [Fact]
    public async Task A_corrupt_document_fails_alone_with_its_reason()
    {
        using var workspace = new BatchWorkspace();
        await File.WriteAllTextAsync(workspace.File("bad.pdf"), "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref garbage\n");
        var batch = SigningBatch.Load(workspace.Manifest(2, [new { id = "bad", path = "bad.pdf", kind = "report" }]));

        var results = await RunAsync(batch);

        var bad = Assert.Single(results, r => r.Id == "bad");
        Assert.Equal(BatchStepStatus.Failed, bad.Status);
        Assert.False(string.IsNullOrEmpty(bad.Error));
        Assert.All(results.Where(r => r.Id != "bad"), r => Assert.Equal(BatchStepStatus.Signed, r.Status));
        Assert.False(File.Exists(Path.Combine(batch.OutputFolder, "bad.pdf")));
    }

    [Fact]
    public async Task A_document_rejected_by_a_signatory_is_not_signed_by_the_next_and_the_others_proceed()
    {
        using var workspace = new BatchWorkspace();
        var batch = SigningBatch.Load(workspace.Manifest(4));
        await using (var store = new SqliteBatchJobStore(batch.StorePath))
        {
            var service = new BatchService(store);
            await service.SaveAsync(BatchWorkspace.BatchId, batch);
            await service.RejectAsync(BatchWorkspace.BatchId, "d0", "df", "amount not approved");
        }

        var results = await RunAsync(batch);

        var rejected = results.Single(r => r.Id == "d0");
        Assert.Equal(BatchStepStatus.Rejected, rejected.Status);
        Assert.Equal("amount not approved", rejected.Error);
        Assert.Equal(0, rejected.Signatures);
        Assert.False(File.Exists(Path.Combine(batch.OutputFolder, "d0.pdf")));
        Assert.All(results.Where(r => r.Id != "d0"), r => Assert.Equal(BatchStepStatus.Signed, r.Status));
    }

    [Fact]
    public async Task A_missing_document_file_fails_alone()
    {
        using var workspace = new BatchWorkspace();
        var batch = SigningBatch.Load(workspace.Manifest(1, [new { id = "gone", path = "gone.pdf", kind = "report" }]));

        var results = await RunAsync(batch);

        Assert.Equal(BatchStepStatus.Failed, results.Single(r => r.Id == "gone").Status);
        Assert.Equal(BatchStepStatus.Signed, results.Single(r => r.Id == "d0").Status);
    }

    [Fact]
    public async Task A_non_pdf_document_gets_one_detached_cades_with_a_signer_per_due_signatory()
    {
        using var workspace = new BatchWorkspace();
        await File.WriteAllTextAsync(workspace.File("minutes.txt"), "Proces-verbal de la seance");
        var batch = SigningBatch.Load(workspace.Manifest(0, [new { id = "m", path = "minutes.txt", kind = "opinion" }]));

        var results = await RunAsync(batch);

        Assert.Equal(BatchStepStatus.Signed, results.Single().Status);
        var cms = new System.Security.Cryptography.Pkcs.SignedCms(new System.Security.Cryptography.Pkcs.ContentInfo(await File.ReadAllBytesAsync(workspace.File("minutes.txt"))), detached: true);
        cms.Decode(await File.ReadAllBytesAsync(Path.Combine(batch.OutputFolder, "m.p7s")));
        cms.CheckSignature(verifySignatureOnly: true);
        Assert.Equal(2, cms.SignerInfos.Count);
    }

    [Fact]
    public async Task A_wrong_pfx_password_is_a_clear_error()
    {
        using var workspace = new BatchWorkspace();
        var batch = SigningBatch.Load(workspace.Manifest(1, password: "wrong"));

        var error = await Assert.ThrowsAsync<SecurityKitException>(() => RunAsync(batch));

        Assert.Contains("wrong password", error.Message, StringComparison.Ordinal);
    }

    private static Task<IReadOnlyList<BatchDocumentResult>> RunAsync(SigningBatch batch) => BatchWorkspace.RunAsync(batch);

    private sealed class CancelAfter(int events, CancellationTokenSource cancel) : IBatchEventSink
    {
        private int seen;

        public ValueTask PublishAsync(BatchEvent batchEvent, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref seen) == events)
            {
                cancel.Cancel();
            }

            return ValueTask.CompletedTask;
        }
    }
}
