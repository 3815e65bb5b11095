namespace SecurityKit.Signing.Batch;

/// <summary>
/// Group commit of the "signed" marks of one signatory session: marks that arrive while a commit is running are
/// stored together by the next one, in one transaction (<see cref="IBatchJobStore.TransitionManyAsync"/>), so that
/// the durable write of the store (an fsync with SQLite's synchronous=FULL) is paid once per group instead of once
/// per signature. Safe for crash recovery: a step is queued only once its output file is durable under its step
/// name, and a step not yet marked when the process dies is redone from the previous version, never applied twice.
/// </summary>
internal sealed class SignedMarkGroup(IBatchJobStore store, string batchId)
{
    private readonly Lock gate = new();
    private List<(BatchStep Step, TaskCompletionSource<bool> Done)> waiting = [];
    private bool committing;

    /// <summary>Marks <paramref name="step"/> signed (compare and set from pending) in the next group commit.</summary>
    /// <returns>Whether the step changed (false when a cancel or reject came first).</returns>
    public Task<bool> MarkSignedAsync(BatchStep step)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (gate)
        {
            waiting.Add((step, done));
            lead = !committing;
            committing = true;
        }

        if (lead)
        {
            _ = Task.Run(CommitAsync);
        }

        return done.Task;
    }

    private async Task CommitAsync()
    {
        while (true)
        {
            List<(BatchStep Step, TaskCompletionSource<bool> Done)> group;
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    committing = false;
                    return;
                }

                group = waiting;
                waiting = [];
            }

            try
            {
                // Not cancellable: once the outputs are durable, their marks are always attempted.
                var changed = await store.TransitionManyAsync(batchId, group.Select(g => g.Step).ToList(), BatchStepStatus.Pending, BatchStepStatus.Signed, CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Done.SetResult(changed[i]);
                }
            }
#pragma warning disable CA1031 // every failure goes to the waiting writers, who report it
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var (_, done) in group)
                {
                    done.SetException(e);
                }
            }
        }
    }
}
