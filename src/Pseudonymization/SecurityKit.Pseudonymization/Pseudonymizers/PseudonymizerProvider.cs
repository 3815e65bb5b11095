using System.Collections.Concurrent;
using SecurityKit.Pseudonymization.Keys;

namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>
/// The pseudonymisers of an application: one per (identifier type, domain), built on first use from the key ring
/// (the domain's pinned key version, else the latest version of the configured key) and cached. Thread-safe; disposing
/// it zeroes every derived key and the key ring.
/// </summary>
public sealed class PseudonymizerProvider : IDisposable
{
    private readonly KeyRing ring;
    private readonly PseudonymizerSettings settings;
    private readonly string keyName;
    private readonly ConcurrentDictionary<(IdentifierType, string), Lazy<IdentifierPseudonymizer>> cache = new();

    /// <summary>Creates the provider (it takes ownership of the ring).</summary>
    /// <param name="ring">The key ring.</param>
    /// <param name="settings">Options of every identifier type.</param>
    /// <param name="keyName">The key for domains not pinned in the ring.</param>
    public PseudonymizerProvider(KeyRing ring, PseudonymizerSettings settings, string keyName = KeyRing.DefaultKeyName)
    {
        this.ring = ring ?? throw new ArgumentNullException(nameof(ring));
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.keyName = keyName;
    }

    /// <summary>The pseudonymiser of an identifier type in a domain.</summary>
    /// <param name="type">The identifier type.</param>
    /// <param name="domain">The domain.</param>
    /// <returns>The pseudonymiser (owned by the provider: do not dispose it).</returns>
    public IdentifierPseudonymizer Get(IdentifierType type, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        return cache.GetOrAdd((type, domain), key => new Lazy<IdentifierPseudonymizer>(() =>
            settings.Create(key.Item1, ring.ForDomain(key.Item2, keyName).Material, key.Item2))).Value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var entry in cache.Values.Where(v => v.IsValueCreated))
        {
            entry.Value.Dispose();
        }

        ring.Dispose();
    }
}
