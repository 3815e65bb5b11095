namespace SecurityKit.Signing.Batch;

/// <summary>Receives every <see cref="BatchEvent"/> after its status is stored (in-process stream, webhook…).</summary>
public interface IBatchEventSink
{
    /// <summary>Takes one event. Must not throw for a delivery problem: signing goes on whatever a portal does.</summary>
    /// <param name="batchEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    ValueTask PublishAsync(BatchEvent batchEvent, CancellationToken cancellationToken = default);
}
