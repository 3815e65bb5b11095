namespace SecurityKit.Crypto.Inventory;

/// <summary>What the inventory knows about one algorithm: how to name it in the CBOM and what replaces it.</summary>
/// <param name="Name">Name in the CBOM (<c>RSA-3072</c>, <c>ECDSA-P-384</c>, <c>SHA-256</c>).</param>
/// <param name="Primitive">CycloneDX primitive.</param>
/// <param name="ParameterSet">Parameter-set identifier (key size, curve or FIPS set).</param>
/// <param name="ClassicalBits">Classical security bits (SP 800-57 Part 1 Table 2), 0 if broken.</param>
/// <param name="NistLevel">NIST PQ category 0–6.</param>
/// <param name="QuantumVulnerable">Broken by Shor's algorithm.</param>
/// <param name="ClassicallyWeak">Already weak today.</param>
/// <param name="Replacement">Suggested replacement, or null when none is needed.</param>
/// <param name="Functions">CycloneDX crypto functions.</param>
internal sealed record AlgorithmDescriptor(
    string Name,
    string Primitive,
    string? ParameterSet,
    int ClassicalBits,
    int NistLevel,
    bool QuantumVulnerable,
    bool ClassicallyWeak,
    string? Replacement,
    string[] Functions)
{
    public string? Oid { get; init; }

    public string? Curve { get; init; }

    public int? KeySize { get; init; }
}
