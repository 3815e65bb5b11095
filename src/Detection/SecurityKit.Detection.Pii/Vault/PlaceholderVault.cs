using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using SecurityKit.Detection.Pii.Operators;

namespace SecurityKit.Detection.Pii.Vault;

/// <summary>
/// The vault over any <see cref="IDistributedCache"/>: process memory by default, Redis when configured so that any
/// node can restore an answer. Entries are sealed with AES-256-GCM (NIST SP 800-38D): a fresh 96-bit nonce per
/// write, the conversation id as associated data (an entry copied under another conversation's key does not open),
/// and the cache's absolute expiry as the time to live. The cache never sees an original value in clear.
/// </summary>
public sealed class PlaceholderVault : IPlaceholderVault
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string KeyPrefix = "securitykit:pii:vault:";
    private readonly IDistributedCache cache;
    private readonly byte[] key;
    private readonly TimeSpan timeToLive;

    /// <summary>Creates the vault.</summary>
    /// <param name="cache">Where sealed entries are kept.</param>
    /// <param name="key">32-byte AES key; every node sharing the cache needs the same one.</param>
    /// <param name="timeToLive">How long an entry lives after its last write.</param>
    public PlaceholderVault(IDistributedCache cache, byte[] key, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new SecurityKitException("the vault key must be 32 bytes (AES-256)", $"{PiiOptions.SectionName}:Vault:Key");
        }

        if (timeToLive <= TimeSpan.Zero)
        {
            throw new SecurityKitException("the vault time to live must be positive", $"{PiiOptions.SectionName}:Vault:TimeToLive");
        }

        this.cache = cache;
        this.key = key;
        this.timeToLive = timeToLive;
    }

    /// <inheritdoc />
    public async Task<PlaceholderMap?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var sealedEntry = await cache.GetAsync(KeyPrefix + conversationId, cancellationToken).ConfigureAwait(false);
        if (sealedEntry is null || sealedEntry.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plain = new byte[sealedEntry.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedEntry.AsSpan(0, NonceSize), sealedEntry.AsSpan(NonceSize, plain.Length), sealedEntry.AsSpan(NonceSize + plain.Length), plain, Encoding.UTF8.GetBytes(conversationId));
            return PlaceholderMap.FromBytes(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            // Tampered, written with another key, or moved from another conversation: treated as absent.
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <inheritdoc />
    public async Task SetAsync(string conversationId, PlaceholderMap map, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(map);
        var plain = map.ToBytes();
        var sealedEntry = new byte[NonceSize + plain.Length + TagSize];
        RandomNumberGenerator.Fill(sealedEntry.AsSpan(0, NonceSize));
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(sealedEntry.AsSpan(0, NonceSize), plain, sealedEntry.AsSpan(NonceSize, plain.Length), sealedEntry.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(conversationId));
        }

        CryptographicOperations.ZeroMemory(plain);
        await cache.SetAsync(KeyPrefix + conversationId, sealedEntry, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive }, cancellationToken).ConfigureAwait(false);
    }
}
