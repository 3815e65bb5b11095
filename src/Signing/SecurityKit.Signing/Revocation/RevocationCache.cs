using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace SecurityKit.Signing.Revocation;

/// <summary>
/// Caches fetched OCSP responses and CRLs until their nextUpdate, in any <see cref="IDistributedCache"/> (Redis in
/// production, so that every node of a signing service shares them) or in memory by default. Entries are the raw
/// DER; they are verified again when read, so a poisoned cache cannot forge a status.
/// </summary>
public sealed class RevocationCache
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    private readonly IDistributedCache _cache;
    private readonly TimeProvider _time;

    /// <summary>Creates a cache over <paramref name="cache"/>, or over process memory when it is <see langword="null"/>.</summary>
    public RevocationCache(IDistributedCache? cache = null, TimeProvider? timeProvider = null)
    {
        _cache = cache ?? new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        _time = timeProvider ?? TimeProvider.System;
    }

    internal async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        await _cache.GetAsync("securitykit:revocation:" + key, cancellationToken).ConfigureAwait(false);

    internal async Task SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset? nextUpdate, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var expiry = nextUpdate is { } next && next > now ? next : now + DefaultLifetime;
        await _cache.SetAsync(
            "securitykit:revocation:" + key,
            value.ToArray(),
            new DistributedCacheEntryOptions { AbsoluteExpiration = expiry },
            cancellationToken).ConfigureAwait(false);
    }
}
