using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace SecurityKit.ReferenceApi.Protection;

/// <summary>
/// A fixed-window rate limit whose counter lives in Redis, so that every node behind a load balancer counts against
/// one limit per client. One atomic script per request: <c>INCR</c> the window's counter, set its expiry on the first
/// hit, return the count and the time left. Written here rather than taken from the RedisRateLimiting package
/// because that package is built against StackExchange.Redis 2.x and this solution pins 3.x.
/// </summary>
/// <remarks>
/// If Redis cannot be reached the request is let through (fail open) and a warning is logged: the rate limit
/// protects capacity, not data, and an outage of the counter store must not take the whole API down.
/// </remarks>
internal sealed partial class RedisFixedWindowRateLimiter : RateLimiter
{
    // KEYS[1] counter; ARGV[1] window in ms. Returns {count, ms left in the window}.
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
        return {count, ttl}
        """;

    private static readonly RateLimitLease Refused = new Lease(false, null);
    private static readonly RateLimitLease Granted = new Lease(true, null);

    private readonly IConnectionMultiplexer redis;
    private readonly RedisKey key;
    private readonly int permitLimit;
    private readonly TimeSpan window;
    private readonly ILogger logger;

    public RedisFixedWindowRateLimiter(IConnectionMultiplexer redis, string partition, int permitLimit, TimeSpan window, ILogger logger)
    {
        this.redis = redis;
        key = "securitykit:ratelimit:" + partition;
        this.permitLimit = permitLimit;
        this.window = window;
        this.logger = logger;
    }

    /// <summary>Never idle: the state is in Redis, so the partition can always be dropped and made again.</summary>
    public override TimeSpan? IdleDuration => TimeSpan.Zero;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>
    /// Counting needs a round trip to Redis, which a synchronous call must not block on: answering "not acquired"
    /// here makes the rate-limiting middleware ask <see cref="AcquireAsyncCore"/>, which does the counting.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                Script, [key], [(long)window.TotalMilliseconds]).WaitAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogUnavailable(logger, exception.GetType().Name);
            return Granted;
        }

        var count = (long)result[0];
        if (count <= permitLimit)
        {
            return Granted;
        }

        return new Lease(false, TimeSpan.FromMilliseconds(Math.Max(1, (long)result[1])));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate-limit counters in Redis are unavailable ({ExceptionType}); requests are let through")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = after;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
