namespace SecurityKit.Signing.Batch;

/// <summary>Where and how <see cref="WebhookBatchEventSink"/> delivers events.</summary>
public sealed class BatchWebhookOptions
{
    /// <summary>The portal's endpoint (HTTPS in production).</summary>
    public required Uri Url { get; init; }

    /// <summary>The shared HMAC-SHA256 key (at least 32 random bytes); never sent, never logged.</summary>
    public required byte[] Secret { get; init; }

    /// <summary>Attempts per event before it is counted as undeliverable.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Delay before the first retry; doubled on each further retry.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events waiting for delivery before the oldest are dropped (and counted undeliverable).</summary>
    public int QueueCapacity { get; init; } = 10_000;
}
