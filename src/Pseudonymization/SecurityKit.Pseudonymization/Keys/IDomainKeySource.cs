namespace SecurityKit.Pseudonymization.Keys;

/// <summary>
/// A master key that derives the AES-256 key of each pseudonymisation domain: a key-ring key held in memory
/// (<see cref="PseudonymizationKey"/>, HKDF-SHA256) or a key that never leaves a PKCS#11 token
/// (<see cref="Pkcs11PseudonymizationKey"/>, SP 800-108 KDF computed in the token).
/// </summary>
public interface IDomainKeySource
{
    /// <summary>Name and version or token location, for messages; never key material.</summary>
    string Description { get; }

    /// <summary>Derives 32 bytes of domain key from the derivation context (identifier type, construction, domain).</summary>
    /// <param name="context">The length-prefixed derivation context.</param>
    /// <param name="domainKey">Receives the 32-byte domain key; the caller zeroes it after use.</param>
    void DeriveDomainKey(ReadOnlySpan<byte> context, Span<byte> domainKey);
}
