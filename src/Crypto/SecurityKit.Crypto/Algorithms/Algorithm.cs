using System.Collections.Frozen;

namespace SecurityKit.Crypto;

/// <summary>
/// An asymmetric algorithm with its identifiers and sizes. Instances are singletons reached through the static
/// properties of <see cref="SignatureAlgorithm"/> and <see cref="KeyEncapsulationAlgorithm"/>, or by name or OID
/// through <see cref="FromName(string)"/>, so that a configuration value can pick an algorithm (crypto agility).
/// </summary>
public abstract class Algorithm
{
    private static readonly Lazy<FrozenDictionary<string, Algorithm>> Registry = new(BuildRegistry);

    private protected Algorithm(
        string name,
        string oid,
        string keyAlgorithmOid,
        int nistSecurityLevel,
        int classicalSecurityBits,
        int publicKeySize,
        string standard)
    {
        Name = name;
        Oid = oid;
        KeyAlgorithmOid = keyAlgorithmOid;
        NistSecurityLevel = nistSecurityLevel;
        ClassicalSecurityBits = classicalSecurityBits;
        PublicKeySize = publicKeySize;
        Standard = standard;
    }

    /// <summary>The algorithm's name, e.g. <c>ML-DSA-65</c> or <c>RSA-3072-PSS-SHA256</c>.</summary>
    public string Name { get; }

    /// <summary>The OID that identifies signatures or ciphertexts made with this algorithm (AlgorithmIdentifier).</summary>
    public string Oid { get; }

    /// <summary>The OID found in a SubjectPublicKeyInfo / PKCS#8 for keys of this algorithm.</summary>
    public string KeyAlgorithmOid { get; }

    /// <summary>
    /// NIST post-quantum security category (1 to 5, FIPS 203/204/205 and the NIST PQC call for proposals §4.A.5);
    /// 0 for algorithms that a cryptographically relevant quantum computer breaks.
    /// </summary>
    public int NistSecurityLevel { get; }

    /// <summary>Estimated classical security strength in bits (NIST SP 800-57 Part 1 Rev. 5, Table 2).</summary>
    public int ClassicalSecurityBits { get; }

    /// <summary>True when Shor's algorithm breaks the algorithm (RSA, elliptic curves, finite-field DH).</summary>
    public bool IsQuantumVulnerable => NistSecurityLevel == 0;

    /// <summary>Size in bytes of the raw public key (RSA modulus, EC point, ML-DSA/ML-KEM encoding, sum of components).</summary>
    public int PublicKeySize { get; }

    /// <summary>The standard that defines the algorithm (FIPS 204, RFC 8017, …).</summary>
    public string Standard { get; }

    /// <summary>Every algorithm SecurityKit implements.</summary>
    public static IReadOnlyCollection<Algorithm> All => [.. SignatureAlgorithm.All, .. KeyEncapsulationAlgorithm.All];

    /// <summary>
    /// Finds an algorithm by name (case-insensitive, with or without dashes) or by OID.
    /// </summary>
    /// <param name="nameOrOid">A name such as <c>ML-DSA-65</c>, <c>mldsa65</c>, or an OID such as <c>2.16.840.1.101.3.4.3.18</c>.</param>
    /// <returns>The algorithm.</returns>
    /// <exception cref="UnsupportedAlgorithmException">No algorithm has that name or OID.</exception>
    public static Algorithm FromName(string nameOrOid)
    {
        ArgumentNullException.ThrowIfNull(nameOrOid);
        return TryFromName(nameOrOid, out var algorithm)
            ? algorithm
            : throw new UnsupportedAlgorithmException(nameOrOid, "algorithm name");
    }

    /// <summary>Finds an algorithm by name or OID without throwing.</summary>
    /// <param name="nameOrOid">A name or an OID.</param>
    /// <param name="algorithm">The algorithm found, or null.</param>
    /// <returns>Whether one was found.</returns>
    public static bool TryFromName(string nameOrOid, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Algorithm? algorithm)
    {
        ArgumentNullException.ThrowIfNull(nameOrOid);
        return Registry.Value.TryGetValue(Normalize(nameOrOid), out algorithm);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal abstract KeyMaterial GenerateKeyMaterial();

    internal abstract KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8);

    internal abstract KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo);

    /// <summary>Throws unless <paramref name="material"/> is of the kind this algorithm creates.</summary>
    internal abstract bool IsCompatible(KeyMaterial material);

    private static string Normalize(string name) =>
        new([.. name.Where(c => c is not ('-' or '_' or ' ' or '+' or '/')).Select(char.ToUpperInvariant)]);

    private static FrozenDictionary<string, Algorithm> BuildRegistry()
    {
        var map = new Dictionary<string, Algorithm>(StringComparer.Ordinal);
        foreach (var algorithm in All)
        {
            map.TryAdd(Normalize(algorithm.Name), algorithm);
            map.TryAdd(algorithm.Oid, algorithm);
        }

        // Short names people write in configuration files.
        map.TryAdd(Normalize("RSA-3072-PSS"), SignatureAlgorithm.Rsa3072Pss);
        map.TryAdd(Normalize("RSA-2048-PSS"), SignatureAlgorithm.Rsa2048Pss);
        map.TryAdd(Normalize("RSA-4096-PSS"), SignatureAlgorithm.Rsa4096Pss);
        map.TryAdd(Normalize("ECDSA-P256"), SignatureAlgorithm.EcdsaP256Sha256);
        map.TryAdd(Normalize("ECDSA-P384"), SignatureAlgorithm.EcdsaP384Sha384);
        map.TryAdd(Normalize("ECDSA-P521"), SignatureAlgorithm.EcdsaP521Sha512);
        map.TryAdd(Normalize("ML-DSA-65+ECDSA-P256"), SignatureAlgorithm.MlDsa65EcdsaP256);
        map.TryAdd(Normalize("ML-DSA-44+ECDSA-P256"), SignatureAlgorithm.MlDsa44EcdsaP256);
        map.TryAdd(Normalize("ML-DSA-87+ECDSA-P384"), SignatureAlgorithm.MlDsa87EcdsaP384);
        map.TryAdd(Normalize("ML-DSA-65+RSA-3072-PSS"), SignatureAlgorithm.MlDsa65Rsa3072Pss);
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
