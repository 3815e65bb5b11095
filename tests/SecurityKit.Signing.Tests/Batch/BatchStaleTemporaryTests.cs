using SecurityKit.Signing.Batch;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>
/// Server workers sharing a store: the temporary outputs a dead worker left are removed by the worker that takes its
/// steps over (on its claim), never those of steps a live worker holds.
/// </summary>
public sealed class BatchStaleTemporaryTests : IDisposable
{
    private const string Id = BatchWorkspace.BatchId;
    private readonly BatchWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_worker_taking_over_from_a_killed_process_removes_its_temporary_outputs_and_signs_everything_once()
    {
        const int Documents = 40;
        var manifest = workspace.Manifest(Documents);
        Assert.True(await BatchKillResumeTests.RunAndKillAsync(manifest, line => line.StartsWith("prepared ", StringComparison.Ordinal), 5), "the run ended before the 5th prepared document");
        var work = workspace.File("signed/.work");
        Assert.NotEmpty(Directory.GetFiles(work, ".*.tmp"));
        var batch = SigningBatch.Load(manifest);

        // The killed process's claims hold for ClaimLease (10 min): the new worker's clock is past them.
        var clock = new ManualTime();
        clock.Advance(DateTimeOffset.UtcNow - clock.GetUtcNow() + TimeSpan.FromMinutes(11));
        await using (var store = new SqliteBatchJobStore(batch.StorePath, clock))
        {
            var worker = new BatchService(store, timeProvider: clock) { WorkerId = "server-2" };
            using var key = workspace.Key();
            foreach (var signatory in new[] { "df", "dg" })
            {
                await worker.SignAsync(Id, signatory, new SoftwareKeyBatchDevice(key));
            }

            Assert.All((await worker.GetStatusAsync(Id)).Documents, d => Assert.Equal(BatchStepStatus.Signed, d.Status));
        }

        Assert.Empty(Directory.GetFiles(work, ".*.tmp"));
        await BatchKillResumeTests.AssertEachDocumentSignedAsDueAsync(workspace, Documents, requireAll: true);
    }

    [Fact]
    public async Task Temporary_outputs_of_steps_a_live_worker_holds_are_left_alone()
    {
        var batch = SigningBatch.Load(workspace.Manifest(6));
        var clock = new ManualTime();
        await using var store = new SqliteBatchJobStore(batch.StorePath, clock);
        var worker = new BatchService(store, timeProvider: clock) { WorkerId = "server-2" };
        await worker.SaveAsync(Id, batch);
        Assert.Equal(["d0"], (await store.ClaimAsync(Id, "df", "live", 1, TimeSpan.FromMinutes(10))).Select(s => s.Document));
        Assert.Equal(["d2"], (await store.ClaimAsync(Id, "df", "dead", 1, TimeSpan.FromMinutes(1))).Select(s => s.Document));
        clock.Advance(TimeSpan.FromMinutes(2));
        var work = BatchService.WorkFolder(batch);
        Directory.CreateDirectory(work);
        var live = Temporary(work, "d0", 1);
        var dead = Temporary(work, "d2", 1);
        var orphan = Temporary(work, "d4", 1);
        using var key = workspace.Key();

        var results = await worker.SignAsync(Id, "df", new SoftwareKeyBatchDevice(key));

        Assert.Equal(["d2", "d4"], results.Select(r => r.Id));
        Assert.True(File.Exists(live), "the live worker's temporary output was removed");
        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(orphan));
    }

    [Fact]
    public void Only_the_temporary_outputs_of_the_claimed_versions_are_removed_even_with_dotted_document_ids()
    {
        var batch = SigningBatch.Load(workspace.Manifest(1));
        var work = BatchService.WorkFolder(batch);
        Directory.CreateDirectory(work);
        var mine = Temporary(work, "a", 1);
        var otherDocument = Temporary(work, "a.1", 2);
        var otherVersion = Temporary(work, "a", 2);
        var notOurs = Path.Combine(work, ".a.1.not-a-guid.tmp");
        File.WriteAllText(notOurs, "x");

        var removed = BatchService.RemoveStaleTemporaries(batch, [new BatchStep("a", "df", 0, BatchStepStatus.Pending, null)]);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(mine));
        Assert.True(File.Exists(otherDocument) && File.Exists(otherVersion) && File.Exists(notOurs));
    }

    private static string Temporary(string work, string document, int version)
    {
        var path = Path.Combine(work, $".{document}.{version}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(path, "%PDF-1.7 half-written");
        return path;
    }
}
