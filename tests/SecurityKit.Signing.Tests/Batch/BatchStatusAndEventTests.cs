using SecurityKit.Signing.Batch;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>Reject, cancel and the event stream over a batch.</summary>
public sealed class BatchStatusAndEventTests : IDisposable
{
    private const string Id = BatchWorkspace.BatchId;
    private readonly BatchWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Every_stored_status_change_reaches_the_event_stream()
    {
        var batch = SigningBatch.Load(workspace.Manifest(4));
        BatchService? service = null;
        var events = new List<BatchEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task? reading = null;

        await BatchWorkspace.RunAsync(batch, store =>
        {
            service = new BatchService(store);
            var stream = service.Events.SubscribeAsync(Id, timeout.Token);
            reading = Task.Run(async () =>
            {
                await foreach (var e in stream)
                {
                    events.Add(e);
                    if (events.Count == 6)
                    {
                        break;
                    }
                }
            });
            return service;
        });
        await reading!;

        // Due: d0 and d2 (opinions) twice, d1 and d3 once.
        Assert.All(events, e => Assert.Equal(BatchStepStatus.Signed, e.StepStatus));
        Assert.Equal(6, events.Select(e => (e.Document, e.Signatory)).Distinct().Count());
        foreach (var document in new[] { "d0", "d1", "d2", "d3" })
        {
            var last = events.Last(e => e.Document == document);
            Assert.Equal(BatchStepStatus.Signed, last.DocumentStatus);
            Assert.Equal(document is "d0" or "d2" ? 2 : 1, last.Signatures);
        }

        Assert.Equal(BatchStepStatus.Pending, events.First(e => e.Document == "d0").DocumentStatus);
    }

    [Fact]
    public async Task A_cancelled_document_is_not_signed_and_the_others_are()
    {
        var batch = SigningBatch.Load(workspace.Manifest(3));
        await using (var store = new SqliteBatchJobStore(batch.StorePath))
        {
            var service = new BatchService(store);
            await service.SaveAsync(Id, batch);
            Assert.Equal(1, await service.CancelAsync(Id, "d1", "item withdrawn from the agenda"));
        }

        var results = await BatchWorkspace.RunAsync(batch);

        var cancelled = results.Single(r => r.Id == "d1");
        Assert.Equal((BatchStepStatus.Cancelled, "item withdrawn from the agenda"), (cancelled.Status, cancelled.Error));
        Assert.False(File.Exists(Path.Combine(batch.OutputFolder, "d1.pdf")));
        Assert.All(results.Where(r => r.Id != "d1"), r => Assert.Equal(BatchStepStatus.Signed, r.Status));
    }

    [Fact]
    public async Task Cancelling_a_batch_keeps_the_signatures_made_and_cancels_the_rest()
    {
        var (service, _, _) = await workspace.StartAsync(workspace.Manifest(2));
        using var key = workspace.Key();
        await service.SignAsync(Id, "df", new SoftwareKeyBatchDevice(key));
        var events = new List<BatchEvent>();
        var stream = service.Events.SubscribeAsync(Id);

        var cancelled = await service.CancelAsync(Id, null, "session of the college postponed");

        var status = await service.GetStatusAsync(Id);
        Assert.Equal(2, cancelled);
        Assert.All(status.Documents, d => Assert.Equal(BatchStepStatus.Cancelled, d.Status));
        Assert.Equal(BatchStepStatus.Signed, status.Steps.Single(s => s.Document == "d0" && s.Signatory == "df").Status);
        await foreach (var e in stream)
        {
            events.Add(e);
            if (events.Count == 2)
            {
                break;
            }
        }

        Assert.All(events, e => Assert.Equal(BatchStepStatus.Cancelled, e.StepStatus));
        Assert.Empty(await service.SignAsync(Id, "dg", new SoftwareKeyBatchDevice(key)));
    }

    [Fact]
    public async Task Only_a_pending_signature_can_be_rejected()
    {
        var (service, _, _) = await workspace.StartAsync(workspace.Manifest(1));
        using var key = workspace.Key();
        await service.SignAsync(Id, "df", new SoftwareKeyBatchDevice(key));

        var error = await Assert.ThrowsAsync<SecurityKitException>(() => service.RejectAsync(Id, "d0", "df", "changed my mind"));

        Assert.Contains("already signed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason()
    {
        var (service, _, _) = await workspace.StartAsync(workspace.Manifest(1));

        var error = await Assert.ThrowsAsync<SecurityKitException>(() => service.RejectAsync(Id, "d0", "df", " "));

        Assert.Equal("reason", error.Location);
    }

    [Fact]
    public async Task An_unknown_batch_is_a_typed_error()
    {
        await using var store = new SqliteBatchJobStore(workspace.File("empty.db"));

        await Assert.ThrowsAsync<BatchNotFoundException>(() => new BatchService(store).GetStatusAsync("nope"));
    }

    [Fact]
    public async Task Documents_added_later_are_signed_by_the_next_run()
    {
        var batch = SigningBatch.Load(workspace.Manifest(2));
        await BatchWorkspace.RunAsync(batch);
        File.Copy(workspace.File("d0.pdf"), workspace.File("late.pdf"));
        await using (var store = new SqliteBatchJobStore(batch.StorePath))
        {
            await new BatchService(store).AddDocumentsAsync(Id, [new BatchDocument("late", workspace.File("late.pdf"), "opinion")]);
        }

        await using var reopened = new SqliteBatchJobStore(batch.StorePath);
        var service = new BatchService(reopened);
        using var key = workspace.Key();
        var results = await service.RunAsync(Id, _ => new SoftwareKeyBatchDevice(key));

        Assert.Equal(["d0", "d1", "late"], results.Select(r => r.Id));
        Assert.All(results, r => Assert.Equal(BatchStepStatus.Signed, r.Status));
        Assert.Equal(2, results[2].Signatures);
    }
}
