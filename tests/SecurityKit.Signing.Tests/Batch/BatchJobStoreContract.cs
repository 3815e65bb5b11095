using SecurityKit.Signing.Batch;

namespace SecurityKit.Signing.Tests.Batch;

/// <summary>The behaviour every <see cref="IBatchJobStore"/> must have; run against SQLite and a real PostgreSQL.</summary>
public abstract class BatchJobStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private protected ManualTime Clock { get; } = new();

    [Fact]
    public async Task Ensuring_known_steps_again_keeps_their_status()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(3));
        Assert.True(await store.TransitionAsync("b", "d1", "df", BatchStepStatus.Pending, BatchStepStatus.Signed));

        await store.EnsureStepsAsync("b", Steps(4));

        var steps = await store.GetStepsAsync("b");
        Assert.Equal(8, steps.Count);
        Assert.Equal(BatchStepStatus.Signed, steps.Single(s => s.Document == "d1" && s.Signatory == "df").Status);
        Assert.Equal(["d0", "d0", "d1", "d1", "d2", "d2", "d3", "d3"], steps.Select(s => s.Document));
    }

    [Fact]
    public async Task A_transition_applies_only_from_the_expected_status()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(1));
        Assert.True(await store.TransitionAsync("b", "d0", "df", BatchStepStatus.Pending, BatchStepStatus.Cancelled, "withdrawn"));

        var signedAfterCancel = await store.TransitionAsync("b", "d0", "df", BatchStepStatus.Pending, BatchStepStatus.Signed);

        Assert.False(signedAfterCancel);
        var step = (await store.GetStepsAsync("b"))[0];
        Assert.Equal((BatchStepStatus.Cancelled, "withdrawn"), (step.Status, step.Error));
    }

    [Fact]
    public async Task A_group_of_transitions_applies_each_only_from_the_expected_status_in_one_call()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(3));
        Assert.True(await store.TransitionAsync("b", "d1", "df", BatchStepStatus.Pending, BatchStepStatus.Cancelled, "withdrawn"));
        var group = (await store.GetStepsAsync("b")).Where(s => s.Signatory == "df").ToList();

        var changed = await store.TransitionManyAsync("b", group, BatchStepStatus.Pending, BatchStepStatus.Signed);

        Assert.Equal([true, false, true], changed);
        Assert.Equal([BatchStepStatus.Signed, BatchStepStatus.Cancelled, BatchStepStatus.Signed], (await store.GetStepsAsync("b")).Where(s => s.Signatory == "df").Select(s => s.Status));
    }

    [Fact]
    public async Task A_claim_takes_only_steps_whose_earlier_steps_are_signed()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(3));
        Assert.True(await store.TransitionAsync("b", "d1", "df", BatchStepStatus.Pending, BatchStepStatus.Signed));

        var second = await store.ClaimAsync("b", "dg", "w1", 10, Lease);
        var first = await store.ClaimAsync("b", "df", "w1", 10, Lease);

        Assert.Equal(["d1"], second.Select(s => s.Document));
        Assert.Equal(["d0", "d2"], first.Select(s => s.Document));
    }

    [Fact]
    public async Task Two_workers_claiming_at_once_never_get_the_same_step()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(60));

        async Task<List<string>> Worker(string id)
        {
            var mine = new List<string>();
            while ((await store.ClaimAsync("b", "df", id, 3, Lease)) is { Count: > 0 } claimed)
            {
                foreach (var step in claimed)
                {
                    mine.Add(step.Document);
                    Assert.True(await store.TransitionAsync("b", step.Document, "df", BatchStepStatus.Pending, BatchStepStatus.Signed));
                }
            }

            return mine;
        }

        var results = await Task.WhenAll(Task.Run(() => Worker("w1")), Task.Run(() => Worker("w2")));

        Assert.Empty(results[0].Intersect(results[1]));
        Assert.Equal(60, results[0].Count + results[1].Count);
    }

    [Fact]
    public async Task A_claim_held_by_another_worker_is_skipped_until_its_lease_expires()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(2));
        Assert.Equal(2, (await store.ClaimAsync("b", "df", "w1", 10, Lease)).Count);

        var whileHeld = await store.ClaimAsync("b", "df", "w2", 10, Lease);
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var afterExpiry = await store.ClaimAsync("b", "df", "w2", 10, Lease);

        Assert.Empty(whileHeld);
        Assert.Equal(2, afterExpiry.Count);
    }

    [Fact]
    public async Task Released_claims_can_be_taken_at_once()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(2));
        await store.ClaimAsync("b", "df", "w1", 10, Lease);

        await store.ReleaseClaimsAsync("b", "w1");

        Assert.Equal(2, (await store.ClaimAsync("b", "df", "w2", 10, Lease)).Count);
    }

    [Fact]
    public async Task A_session_keeps_its_certificate_and_refuses_to_rebind()
    {
        await using var store = await CreateStoreAsync();
        var t0 = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

        var opened = await store.OpenSessionAsync("b", "df", "aa", t0, renewSigningTime: false);
        var again = await store.OpenSessionAsync("b", "df", "aa", t0.AddHours(1), renewSigningTime: false);
        var renewed = await store.OpenSessionAsync("b", "df", "aa", t0.AddHours(2), renewSigningTime: true);
        var other = await store.OpenSessionAsync("b", "df", "bb", t0.AddHours(3), renewSigningTime: true);

        Assert.Equal(t0, opened.SigningTime);
        Assert.Equal(t0, again.SigningTime);
        Assert.Equal(t0.AddHours(2), renewed.SigningTime);
        Assert.Equal(("aa", t0.AddHours(2)), (other.CertificateSha256, other.SigningTime));
    }

    [Fact]
    public async Task Batches_are_kept_apart()
    {
        await using var store = await CreateStoreAsync();
        await store.SaveBatchAsync("a", "{\"a\":1}");
        await store.SaveBatchAsync("b", "{\"b\":1}");
        await store.SaveBatchAsync("a", "{\"a\":2}");
        await store.EnsureStepsAsync("a", Steps(1));
        await store.EnsureStepsAsync("b", Steps(2));

        var cancelled = await store.TransitionAllAsync("a", null, BatchStepStatus.Pending, BatchStepStatus.Cancelled, "withdrawn");

        Assert.Equal("{\"a\":2}", await store.LoadBatchAsync("a"));
        Assert.Null(await store.LoadBatchAsync("c"));
        Assert.Equal(2, cancelled.Count);
        Assert.All(await store.GetStepsAsync("b"), s => Assert.Equal(BatchStepStatus.Pending, s.Status));
    }

    [Fact]
    public async Task Cancelling_one_document_returns_only_its_changed_steps()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(3));
        Assert.True(await store.TransitionAsync("b", "d1", "df", BatchStepStatus.Pending, BatchStepStatus.Signed));

        var cancelled = await store.TransitionAllAsync("b", "d1", BatchStepStatus.Pending, BatchStepStatus.Cancelled, "withdrawn");

        var step = Assert.Single(cancelled);
        Assert.Equal(("d1", "dg", BatchStepStatus.Cancelled), (step.Document, step.Signatory, step.Status));
    }

    [Fact]
    public async Task A_rebind_is_refused_once_the_signatory_has_signed_unless_the_signed_steps_are_kept()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(2));
        var time = Clock.GetUtcNow();
        await store.OpenSessionAsync("b", "df", "old", time, renewSigningTime: false);
        Assert.True(await store.TransitionAsync("b", "d0", "df", BatchStepStatus.Pending, BatchStepStatus.Signed));

        var refused = await store.RebindSessionAsync("b", "df", "new", time, "renewed card", keepSignedSteps: false, "external:df");
        var stillOld = await store.OpenSessionAsync("b", "df", "old", time, renewSigningTime: false);
        var kept = await store.RebindSessionAsync("b", "df", "new", time, "renewed card", keepSignedSteps: true, "external:df");

        Assert.Equal((BatchRebindOutcome.SignaturesMade, "old"), (refused, stillOld.CertificateSha256));
        Assert.Equal(BatchRebindOutcome.Rebound, kept);
        Assert.Equal("new", (await store.OpenSessionAsync("b", "df", "x", time, renewSigningTime: false)).CertificateSha256);
    }

    [Fact]
    public async Task A_rebind_waits_for_another_workers_live_claim_but_drops_the_external_signers_reservation()
    {
        await using var store = await CreateStoreAsync();
        await store.EnsureStepsAsync("b", Steps(2));
        var time = Clock.GetUtcNow();
        await store.OpenSessionAsync("b", "df", "old", time, renewSigningTime: false);
        Assert.Single(await store.ClaimAsync("b", "df", "external:df", 1, Lease));
        Assert.Single(await store.ClaimAsync("b", "df", "w1", 1, Lease));

        var whileClaimed = await store.RebindSessionAsync("b", "df", "new", time, "renewed card", keepSignedSteps: false, "external:df");
        await store.ReleaseClaimsAsync("b", "w1");
        var afterSession = await store.RebindSessionAsync("b", "df", "new", time, "renewed card", keepSignedSteps: false, "external:df");

        Assert.Equal((BatchRebindOutcome.SessionActive, BatchRebindOutcome.Rebound), (whileClaimed, afterSession));
        Assert.Equal(2, (await store.ClaimAsync("b", "df", "w2", 10, Lease)).Count);
    }

    private protected abstract Task<IBatchJobStore> CreateStoreAsync();

    /// <summary>Documents d0… each signed by df (step 0) then dg (step 1).</summary>
    private protected static IEnumerable<BatchStep> Steps(int documents) =>
        Enumerable.Range(0, documents).SelectMany(i => new[]
        {
            new BatchStep($"d{i}", "df", 0, BatchStepStatus.Pending, null),
            new BatchStep($"d{i}", "dg", 1, BatchStepStatus.Pending, null),
        });
}
