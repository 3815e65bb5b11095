namespace SecurityKit.Crypto.Inventory;

/// <summary>
/// Names, strengths and replacements of the algorithms the inventory recognises. Strengths follow NIST SP 800-57
/// Part 1 Rev. 5 Table 2 (classical) and the NIST PQC categories (quantum: 0 for anything Shor breaks; AES-128 = 1,
/// SHA-256 = 2, AES-192 = 3, SHA-384 = 4, AES-256 = 5). Replacements follow the NIST IR 8547 transition draft:
/// ML-DSA for signatures, ML-KEM for key establishment, hybrids during the transition.
/// </summary>
internal static class AlgorithmCatalog
{
    public const string SignatureReplacement = "ML-DSA-65 (FIPS 204); composite ML-DSA-65+ECDSA-P256 during the transition";
    public const string KeyExchangeReplacement = "ML-KEM-768 (FIPS 203), hybrid X25519MLKEM768 during the transition";

    private static readonly string[] SignFunctions = ["sign", "verify"];
    private static readonly string[] DigestFunctions = ["digest"];
    private static readonly string[] EncryptFunctions = ["encrypt", "decrypt"];
    private static readonly string[] KeyAgreeFunctions = ["keygen", "keyderive"];

    public static AlgorithmDescriptor Rsa(int bits, string? usage = null) => new(
        $"RSA-{bits}",
        usage ?? "signature",
        bits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        bits >= 15360 ? 256 : bits >= 7680 ? 192 : bits >= 3072 ? 128 : bits >= 2048 ? 112 : bits >= 1024 ? 80 : 0,
        0,
        true,
        bits < 2048,
        usage == "pke" ? KeyExchangeReplacement : SignatureReplacement,
        usage == "pke" ? EncryptFunctions : SignFunctions)
    { Oid = "1.2.840.113549.1.1.1", KeySize = bits };

    public static AlgorithmDescriptor EcKey(string? curveOid, int bits)
    {
        var curve = CurveName(curveOid) ?? $"EC-{bits}";
        var classical = bits >= 512 ? 256 : bits >= 384 ? 192 : bits >= 256 ? 128 : bits >= 224 ? 112 : 80;
        return new AlgorithmDescriptor($"ECDSA-{curve}", "signature", curve, classical, 0, true, bits < 224, SignatureReplacement, SignFunctions)
        { Oid = "1.2.840.10045.2.1", Curve = curve, KeySize = bits };
    }

    /// <summary>Looks an algorithm OID up (signature, hash, key or PQC algorithm).</summary>
    public static AlgorithmDescriptor? FromOid(string oid)
    {
        var known = oid switch
        {
            "1.2.840.113549.1.1.4" => Weak("RSA-PKCS1-MD5", "signature", SignFunctions, SignatureReplacement),
            "1.2.840.113549.1.1.5" => Weak("RSA-PKCS1-SHA1", "signature", SignFunctions, SignatureReplacement),
            "1.2.840.113549.1.1.11" => Classic("RSA-PKCS1-SHA256", "signature", null, 112, SignFunctions),
            "1.2.840.113549.1.1.12" => Classic("RSA-PKCS1-SHA384", "signature", null, 112, SignFunctions),
            "1.2.840.113549.1.1.13" => Classic("RSA-PKCS1-SHA512", "signature", null, 112, SignFunctions),
            "1.2.840.113549.1.1.10" => Classic("RSASSA-PSS", "signature", null, 112, SignFunctions),
            "1.2.840.113549.1.1.1" => Classic("RSA", "signature", null, 112, SignFunctions),
            "1.2.840.113549.1.1.7" => Classic("RSAES-OAEP", "pke", null, 112, EncryptFunctions) with { Replacement = KeyExchangeReplacement },
            "1.2.840.10045.4.1" => Weak("ECDSA-SHA1", "signature", SignFunctions, SignatureReplacement),
            "1.2.840.10045.4.3.2" => Classic("ECDSA-SHA256", "signature", null, 128, SignFunctions),
            "1.2.840.10045.4.3.3" => Classic("ECDSA-SHA384", "signature", null, 192, SignFunctions),
            "1.2.840.10045.4.3.4" => Classic("ECDSA-SHA512", "signature", null, 256, SignFunctions),
            "1.2.840.10040.4.1" or "1.2.840.10040.4.3" => Weak("DSA", "signature", SignFunctions, SignatureReplacement) with { QuantumVulnerable = true },
            "1.3.101.112" => Classic("Ed25519", "signature", "Ed25519", 128, SignFunctions) with { Curve = "Curve25519" },
            "1.3.101.113" => Classic("Ed448", "signature", "Ed448", 224, SignFunctions) with { Curve = "Curve448" },
            "1.3.101.110" => Classic("X25519", "key-agree", "X25519", 128, KeyAgreeFunctions) with { Curve = "Curve25519", Replacement = KeyExchangeReplacement },
            "1.3.101.111" => Classic("X448", "key-agree", "X448", 224, KeyAgreeFunctions) with { Curve = "Curve448", Replacement = KeyExchangeReplacement },
            "1.2.840.113549.2.5" => Weak("MD5", "hash", DigestFunctions, "SHA-256 or SHA3-256") with { QuantumVulnerable = false },
            "1.3.14.3.2.26" => Weak("SHA-1", "hash", DigestFunctions, "SHA-256 or SHA3-256") with { QuantumVulnerable = false },
            "2.16.840.1.101.3.4.2.1" => Symmetric("SHA-256", "hash", "256", 128, 2, DigestFunctions),
            "2.16.840.1.101.3.4.2.2" => Symmetric("SHA-384", "hash", "384", 192, 4, DigestFunctions),
            "2.16.840.1.101.3.4.2.3" => Symmetric("SHA-512", "hash", "512", 256, 5, DigestFunctions),
            "2.16.840.1.101.3.4.2.8" => Symmetric("SHA3-256", "hash", "256", 128, 2, DigestFunctions),
            "2.16.840.1.101.3.4.2.10" => Symmetric("SHA3-512", "hash", "512", 256, 5, DigestFunctions),
            _ => null,
        };
        if (known is not null)
        {
            return known with { Oid = oid };
        }

        // Post-quantum and composite algorithms: SecurityKit's own algorithm objects know them.
        var algorithm = Algorithm.All.FirstOrDefault(a => a.Oid == oid || a.KeyAlgorithmOid == oid);
        return algorithm is null ? null : FromAlgorithm(algorithm);
    }

    public static AlgorithmDescriptor FromAlgorithm(Algorithm algorithm) => new(
        algorithm.Name,
        algorithm is KeyEncapsulationAlgorithm ? "kem" : "signature",
        algorithm.Name,
        algorithm.ClassicalSecurityBits,
        algorithm.NistSecurityLevel,
        algorithm.IsQuantumVulnerable,
        false,
        algorithm.IsQuantumVulnerable ? (algorithm is KeyEncapsulationAlgorithm ? KeyExchangeReplacement : SignatureReplacement) : null,
        algorithm is KeyEncapsulationAlgorithm ? ["keygen", "encapsulate", "decapsulate"] : SignFunctions)
    { Oid = algorithm.Oid };

    /// <summary>Named-curve OIDs (RFC 5480 §2.1.1.1, RFC 5639).</summary>
    public static string? CurveName(string? oid) => oid switch
    {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        "1.3.132.0.33" => "P-224",
        "1.2.840.10045.3.1.1" => "P-192",
        "1.3.132.0.10" => "secp256k1",
        "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
        "1.3.36.3.3.2.8.1.1.11" => "brainpoolP384r1",
        "1.3.36.3.3.2.8.1.1.13" => "brainpoolP512r1",
        _ => null,
    };

    public static AlgorithmDescriptor Symmetric(string name, string primitive, string? parameterSet, int classicalBits, int nistLevel, string[] functions, bool weak = false, string? replacement = null) =>
        new(name, primitive, parameterSet, classicalBits, nistLevel, false, weak, replacement, functions);

    private static AlgorithmDescriptor Classic(string name, string primitive, string? parameterSet, int classicalBits, string[] functions) =>
        new(name, primitive, parameterSet, classicalBits, 0, true, false, SignatureReplacement, functions);

    private static AlgorithmDescriptor Weak(string name, string primitive, string[] functions, string replacement) =>
        new(name, primitive, null, 0, 0, true, true, replacement, functions);
}
