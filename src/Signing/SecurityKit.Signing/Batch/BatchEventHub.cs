using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// The in-process event stream: every subscriber gets its own bounded queue of events (oldest dropped first when a
/// subscriber falls more than <see cref="Capacity"/> events behind, so a slow reader never holds up signing nor grows
/// memory without bound).
/// </summary>
public sealed class BatchEventHub : IBatchEventSink
{
    private readonly Lock gate = new();
    private readonly List<(string? BatchId, Channel<BatchEvent> Channel)> subscribers = [];

    /// <summary>Events a subscriber may lag behind before the oldest are dropped.</summary>
    public int Capacity { get; init; } = 4096;

    /// <inheritdoc/>
    public ValueTask PublishAsync(BatchEvent batchEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchEvent);
        lock (gate)
        {
            foreach (var (batchId, channel) in subscribers)
            {
                if (batchId is null || batchId == batchEvent.BatchId)
                {
                    channel.Writer.TryWrite(batchEvent);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Events published from now on, for one batch or all, until <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="batchId">A batch id, or null for every batch.</param>
    /// <param name="cancellationToken">Ends the subscription.</param>
    /// <returns>The events.</returns>
    public IAsyncEnumerable<BatchEvent> SubscribeAsync(string? batchId = null, CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<BatchEvent>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var entry = (batchId, channel);
        lock (gate)
        {
            subscribers.Add(entry);
        }

        return ReadAsync(entry, cancellationToken);
    }

    private async IAsyncEnumerable<BatchEvent> ReadAsync((string? BatchId, Channel<BatchEvent> Channel) entry, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (await entry.Channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (entry.Channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            lock (gate)
            {
                subscribers.Remove(entry);
            }
        }
    }
}
