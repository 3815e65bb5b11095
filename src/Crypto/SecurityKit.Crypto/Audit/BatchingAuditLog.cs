using System.Threading.Channels;

namespace SecurityKit.Audit;

/// <summary>
/// Makes a busy <see cref="SqlAuditLog"/> fast without weakening it: appends from any number of threads go into one
/// channel, and a single writer takes whatever has queued up (up to <see cref="MaxBatchSize"/>) and records it in one
/// transaction — one lock, one head read, one commit. Each caller still waits until its own entry is committed, so an
/// operation that must be recorded before it happens (a re-identification) keeps that guarantee; what changes is that
/// concurrent callers share a commit instead of queueing for one each (group commit).
/// </summary>
/// <remarks>
/// The chain is built exactly as by <see cref="SqlAuditLog.AppendAsync"/>, so verification and multi-node use are
/// unchanged: with PostgreSQL each node's writer takes the advisory lock per batch and nodes interleave whole
/// batches. If a batch fails (the database is unreachable), every caller in it gets the exception and nothing of the
/// batch is recorded; the next batch starts afresh from the stored head.
/// </remarks>
public sealed class BatchingAuditLog : IAuditLog, IAsyncDisposable
{
    private readonly SqlAuditLog store;
    private readonly Channel<PendingAppend> queue;
    private readonly Task writer;

    /// <summary>Starts the writer over <paramref name="store"/>.</summary>
    /// <param name="store">Where entries are recorded.</param>
    /// <param name="maxBatchSize">The most events recorded in one transaction.</param>
    public BatchingAuditLog(SqlAuditLog store, int maxBatchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        this.store = store;
        MaxBatchSize = maxBatchSize;
        queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The most events recorded in one transaction.</summary>
    public int MaxBatchSize { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Cancelling stops the wait, not the record: an event once queued is recorded (a caller who hangs up cannot skip
    /// its audit entry).
    /// </remarks>
    public Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var pending = new PendingAppend(auditEvent);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(BatchingAuditLog), "the audit log is shut down");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken = default) => store.ReadAllAsync(cancellationToken);

    /// <inheritdoc />
    public Task<AuditEntry?> GetHeadAsync(CancellationToken cancellationToken = default) => store.GetHeadAsync(cancellationToken);

    /// <summary>Refuses new events, records every event already queued, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(MaxBatchSize);
        var events = new List<AuditEvent>(MaxBatchSize);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatchSize && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.Add(pending.Event);
            }

            try
            {
                var entries = await store.AppendBatchAsync(events).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(entries[i]);
                }
            }
#pragma warning disable CA1031 // Every failure (I/O, driver, lock timeout) belongs to the callers waiting for this batch.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }
            }

            batch.Clear();
            events.Clear();
        }
    }

    private sealed class PendingAppend(AuditEvent auditEvent)
    {
        public AuditEvent Event { get; } = auditEvent;

        // Continuations run on the thread pool, not on the writer, so that callers never slow the next batch.
        public TaskCompletionSource<AuditEntry> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
