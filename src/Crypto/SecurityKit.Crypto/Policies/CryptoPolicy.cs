namespace SecurityKit.Crypto;

/// <summary>
/// A named choice of algorithms ("documents", "seal", "envelope"). Code asks for the policy by name and uses its
/// algorithms; changing the configuration changes the algorithm without a code change (crypto agility).
/// </summary>
public sealed class CryptoPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="signature">Its signature algorithm, if any.</param>
    /// <param name="keyEncapsulation">Its key-encapsulation algorithm, if any.</param>
    public CryptoPolicy(string name, SignatureAlgorithm? signature, KeyEncapsulationAlgorithm? keyEncapsulation)
    {
        Name = name;
        Signature = signature;
        KeyEncapsulation = keyEncapsulation;
    }

    /// <summary>The policy's name.</summary>
    public string Name { get; }

    /// <summary>The signature algorithm, or null if the policy does not sign.</summary>
    public SignatureAlgorithm? Signature { get; }

    /// <summary>The key-encapsulation algorithm, or null if the policy does not encrypt.</summary>
    public KeyEncapsulationAlgorithm? KeyEncapsulation { get; }

    /// <summary>The signature algorithm, or a <see cref="SecurityKitException"/> naming the policy when it has none.</summary>
    /// <returns>The signature algorithm.</returns>
    public SignatureAlgorithm RequireSignature() =>
        Signature ?? throw new SecurityKitException($"crypto policy '{Name}' has no signature algorithm", $"{CryptoOptions.SectionName}:Policies:{Name}:Signature");

    /// <summary>The key-encapsulation algorithm, or an error naming the policy when it has none.</summary>
    /// <returns>The key-encapsulation algorithm.</returns>
    public KeyEncapsulationAlgorithm RequireKeyEncapsulation() =>
        KeyEncapsulation ?? throw new SecurityKitException($"crypto policy '{Name}' has no key-encapsulation algorithm", $"{CryptoOptions.SectionName}:Policies:{Name}:KeyEncapsulation");
}
