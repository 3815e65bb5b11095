namespace SecurityKit.Crypto.Inventory;

/// <summary>
/// One cryptographic asset found by the inventory, with every place it was found. Algorithms are shared between
/// findings (one <c>RSA-3072</c> asset, many occurrences); certificates and keys are one asset each.
/// </summary>
public sealed class CryptoAsset
{
    /// <summary>Creates an asset.</summary>
    /// <param name="bomRef">Unique reference inside the BOM.</param>
    /// <param name="type">The kind of asset.</param>
    /// <param name="name">A readable name (<c>RSA-3072</c>, <c>CN=signer</c>).</param>
    public CryptoAsset(string bomRef, CryptoAssetType type, string name)
    {
        BomRef = bomRef;
        Type = type;
        Name = name;
    }

    /// <summary>Unique reference inside the BOM (<c>bom-ref</c>).</summary>
    public string BomRef { get; }

    /// <summary>The kind of asset.</summary>
    public CryptoAssetType Type { get; }

    /// <summary>A readable name.</summary>
    public string Name { get; }

    /// <summary>The OID of the algorithm, when known.</summary>
    public string? Oid { get; init; }

    /// <summary>CycloneDX primitive (<c>signature</c>, <c>pke</c>, <c>hash</c>, <c>kem</c>, <c>ae</c>, …).</summary>
    public string? Primitive { get; init; }

    /// <summary>Parameter set: key size in bits, curve, or the FIPS parameter-set number.</summary>
    public string? ParameterSetIdentifier { get; init; }

    /// <summary>Elliptic curve, when the algorithm uses one.</summary>
    public string? Curve { get; init; }

    /// <summary>Key size in bits (RSA modulus, curve order size), when it applies.</summary>
    public int? KeySize { get; init; }

    /// <summary>Classical security strength in bits (NIST SP 800-57 Part 1).</summary>
    public int? ClassicalSecurityLevel { get; init; }

    /// <summary>NIST post-quantum security category 0–6 (0 = broken by a quantum computer).</summary>
    public int? NistQuantumSecurityLevel { get; init; }

    /// <summary>Whether Shor's algorithm breaks it.</summary>
    public bool? IsQuantumVulnerable { get; init; }

    /// <summary>Whether it is already weak against classical attacks (MD5, SHA-1 signatures, DES, RC4, RSA &lt; 2048).</summary>
    public bool IsClassicallyWeak { get; init; }

    /// <summary>What to migrate to.</summary>
    public string? SuggestedReplacement { get; init; }

    /// <summary>CycloneDX crypto functions (<c>sign</c>, <c>verify</c>, <c>digest</c>, …).</summary>
    public IReadOnlyList<string> CryptoFunctions { get; init; } = [];

    /// <summary>Where the asset was found.</summary>
    public List<AssetOccurrence> Occurrences { get; } = [];

    /// <summary>Certificate subject.</summary>
    public string? SubjectName { get; init; }

    /// <summary>Certificate issuer.</summary>
    public string? IssuerName { get; init; }

    /// <summary>Certificate validity start.</summary>
    public DateTimeOffset? NotValidBefore { get; init; }

    /// <summary>Certificate validity end.</summary>
    public DateTimeOffset? NotValidAfter { get; init; }

    /// <summary>Reference to the certificate's signature algorithm asset.</summary>
    public string? SignatureAlgorithmRef { get; init; }

    /// <summary>Reference to the certificate's public key asset.</summary>
    public string? SubjectPublicKeyRef { get; init; }

    /// <summary>Certificate file extension (<c>pem</c>, <c>der</c>, <c>pfx</c>).</summary>
    public string? CertificateExtension { get; init; }

    /// <summary>Related-material type (<c>public-key</c>, <c>private-key</c>, <c>signature</c>).</summary>
    public string? MaterialType { get; init; }

    /// <summary>Reference to the algorithm of a related material.</summary>
    public string? AlgorithmRef { get; init; }

    /// <summary>Protocol version(s), e.g. <c>TLSv1.2 TLSv1.3</c>.</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>TLS cipher suites with the references of their algorithms.</summary>
    public List<(string Name, List<string> AlgorithmRefs)> CipherSuites { get; } = [];
}

/// <summary>A place where an asset was found: a file and what in it.</summary>
/// <param name="Location">The file path.</param>
/// <param name="Context">What in the file (certificate subject, signer, API member, config directive).</param>
/// <param name="Line">The 1-based line for text files, if known.</param>
public sealed record AssetOccurrence(string Location, string Context, int? Line = null);
