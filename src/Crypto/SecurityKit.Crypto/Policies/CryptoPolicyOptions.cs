namespace SecurityKit.Crypto;

/// <summary>
/// One named policy in configuration, e.g.
/// <code>"SecurityKit": { "Crypto": { "Policies": { "documents": { "Signature": "ML-DSA-65+ECDSA-P256" } } } }</code>
/// Algorithm names are those of <see cref="Algorithm.FromName(string)"/> (names or OIDs).
/// </summary>
public sealed class CryptoPolicyOptions
{
    /// <summary>The signature algorithm of the policy.</summary>
    public string? Signature { get; set; }

    /// <summary>The key-encapsulation algorithm of the policy.</summary>
    public string? KeyEncapsulation { get; set; }
}
