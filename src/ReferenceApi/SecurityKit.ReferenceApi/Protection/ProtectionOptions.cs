namespace SecurityKit.ReferenceApi.Protection;

/// <summary>Rate limits, body sizes and timeouts, bound from <c>Api:Protection</c>.</summary>
internal sealed class ProtectionOptions
{
    public const string Section = "Api:Protection";

    /// <summary>Requests one client (token subject, API key, or IP address when anonymous) may make per window.</summary>
    public int PermitsPerWindow { get; set; } = 6000;

    /// <summary>The rate-limit window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// StackExchange.Redis configuration (<c>redis:6379,password=…,ssl=true</c>) of the store holding the rate-limit
    /// counters, shared by every node; unset: counters in each node's memory.
    /// </summary>
    public string? RedisConfiguration { get; set; }

    /// <summary>The largest request body accepted by endpoints that set no limit of their own.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a request may run before it is cancelled and answered 504.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
