namespace SecurityKit.Detection.Pii;

/// <summary>Options of the placeholder vault.</summary>
public sealed class PiiVaultOptions
{
    /// <summary>How long a conversation's placeholders can be restored after their last use. Default 1 hour.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Base64 of a 32-byte AES-256 key protecting vault entries (AES-GCM). When empty an ephemeral random key is made at
    /// start-up, which is right for a single in-memory node; a distributed vault shared by several nodes needs the same key on all.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Use the application's <c>IDistributedCache</c> (e.g. Redis) instead of process memory.</summary>
    public bool UseDistributedCache { get; set; }

    /// <summary>StackExchange.Redis configuration string; when set, a Redis-backed <c>IDistributedCache</c> is registered.</summary>
    public string? RedisConfiguration { get; set; }
}
