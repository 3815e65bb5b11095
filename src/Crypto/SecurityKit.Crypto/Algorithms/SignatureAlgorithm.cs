namespace SecurityKit.Crypto;

/// <summary>
/// A digital signature algorithm. Pick one through a static property and use it with a <see cref="Key"/> made for it:
/// <code>
/// using var key = Key.Create(SignatureAlgorithm.MlDsa65);
/// var signature = SignatureAlgorithm.MlDsa65.Sign(key, data);
/// bool ok = SignatureAlgorithm.MlDsa65.TryVerify(key.PublicKey, data, signature);
/// </code>
/// </summary>
/// <remarks>
/// <code>
/// algorithm                     | public key | signature (max) | NIST PQ level | reference
/// ------------------------------+------------+-----------------+---------------+-------------------------------
/// RSA-2048/3072/4096 PKCS1, PSS | n/8        | n/8             | 0 (Shor)      | RFC 8017 §8.1, §8.2
/// ECDSA P-256 / P-384 / P-521   | 65/97/133  | 72/104/139 DER  | 0 (Shor)      | FIPS 186-5 §6, RFC 3279 §2.2.3
/// Ed25519                       | 32         | 64              | 0 (Shor)      | RFC 8032 §5.1
/// ML-DSA-44 / 65 / 87           | 1312/1952/2592 | 2420/3309/4627 | 2 / 3 / 5  | FIPS 204 Table 2
/// SLH-DSA-*-128s / 128f         | 32         | 7856 / 17088    | 1             | FIPS 205 Table 2
/// SLH-DSA-SHA2-192s / 256s      | 48 / 64    | 16224 / 29792   | 3 / 5         | FIPS 205 Table 2
/// ML-DSA + ECDSA/RSA composite  | sum        | sum             | ML-DSA's      | draft-ietf-lamps-pq-composite-sigs-19
/// </code>
/// Classic algorithms run on the platform (System.Security.Cryptography over OpenSSL); Ed25519, SLH-DSA and, where
/// the platform reports no support (OpenSSL &lt; 3.5), ML-DSA run on BouncyCastle. Callers never see which.
/// </remarks>
public abstract class SignatureAlgorithm : Algorithm
{
    private protected SignatureAlgorithm(
        string name,
        string oid,
        string keyAlgorithmOid,
        int nistSecurityLevel,
        int classicalSecurityBits,
        int publicKeySize,
        int signatureSize,
        string standard)
        : base(name, oid, keyAlgorithmOid, nistSecurityLevel, classicalSecurityBits, publicKeySize, standard)
    {
        SignatureSize = signatureSize;
    }

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit modulus.</summary>
    public static RsaSignatureAlgorithm Rsa2048Pkcs1 { get; } = new(2048, pss: false);

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256, 3072-bit modulus.</summary>
    public static RsaSignatureAlgorithm Rsa3072Pkcs1 { get; } = new(3072, pss: false);

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256, 4096-bit modulus.</summary>
    public static RsaSignatureAlgorithm Rsa4096Pkcs1 { get; } = new(4096, pss: false);

    /// <summary>RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt, 2048-bit modulus.</summary>
    public static RsaSignatureAlgorithm Rsa2048Pss { get; } = new(2048, pss: true);

    /// <summary>RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt, 3072-bit modulus.</summary>
    public static RsaSignatureAlgorithm Rsa3072Pss { get; } = new(3072, pss: true);

    /// <summary>RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt, 4096-bit modulus.</summary>
    public static RsaSignatureAlgorithm Rsa4096Pss { get; } = new(4096, pss: true);

    /// <summary>ECDSA on P-256 with SHA-256, DER signatures.</summary>
    public static EcdsaSignatureAlgorithm EcdsaP256Sha256 { get; } = new(EcdsaSignatureAlgorithm.Curve.P256);

    /// <summary>ECDSA on P-384 with SHA-384, DER signatures.</summary>
    public static EcdsaSignatureAlgorithm EcdsaP384Sha384 { get; } = new(EcdsaSignatureAlgorithm.Curve.P384);

    /// <summary>ECDSA on P-521 with SHA-512, DER signatures.</summary>
    public static EcdsaSignatureAlgorithm EcdsaP521Sha512 { get; } = new(EcdsaSignatureAlgorithm.Curve.P521);

    /// <summary>Ed25519 (pure EdDSA, RFC 8032).</summary>
    public static Ed25519SignatureAlgorithm Ed25519 { get; } = new();

    /// <summary>ML-DSA-44 (FIPS 204), NIST category 2.</summary>
    public static MlDsaSignatureAlgorithm MlDsa44 { get; } = new(MlDsaSignatureAlgorithm.ParameterSet.MlDsa44);

    /// <summary>ML-DSA-65 (FIPS 204), NIST category 3.</summary>
    public static MlDsaSignatureAlgorithm MlDsa65 { get; } = new(MlDsaSignatureAlgorithm.ParameterSet.MlDsa65);

    /// <summary>ML-DSA-87 (FIPS 204), NIST category 5.</summary>
    public static MlDsaSignatureAlgorithm MlDsa87 { get; } = new(MlDsaSignatureAlgorithm.ParameterSet.MlDsa87);

#pragma warning disable CA1707 // FIPS 205 parameter-set names (SHA2-128s) read better with the underscore
    /// <summary>SLH-DSA-SHA2-128s (FIPS 205), small signatures, slow signing.</summary>
    public static SlhDsaSignatureAlgorithm SlhDsaSha2_128s { get; } = new(SlhDsaSignatureAlgorithm.ParameterSet.Sha2_128s);

    /// <summary>SLH-DSA-SHA2-128f (FIPS 205), fast signing, larger signatures.</summary>
    public static SlhDsaSignatureAlgorithm SlhDsaSha2_128f { get; } = new(SlhDsaSignatureAlgorithm.ParameterSet.Sha2_128f);

    /// <summary>SLH-DSA-SHAKE-128s (FIPS 205).</summary>
    public static SlhDsaSignatureAlgorithm SlhDsaShake128s { get; } = new(SlhDsaSignatureAlgorithm.ParameterSet.Shake_128s);

    /// <summary>SLH-DSA-SHAKE-128f (FIPS 205).</summary>
    public static SlhDsaSignatureAlgorithm SlhDsaShake128f { get; } = new(SlhDsaSignatureAlgorithm.ParameterSet.Shake_128f);

    /// <summary>SLH-DSA-SHA2-192s (FIPS 205), NIST category 3.</summary>
    public static SlhDsaSignatureAlgorithm SlhDsaSha2_192s { get; } = new(SlhDsaSignatureAlgorithm.ParameterSet.Sha2_192s);

    /// <summary>SLH-DSA-SHA2-256s (FIPS 205), NIST category 5.</summary>
    public static SlhDsaSignatureAlgorithm SlhDsaSha2_256s { get; } = new(SlhDsaSignatureAlgorithm.ParameterSet.Sha2_256s);
#pragma warning restore CA1707

    /// <summary>Composite ML-DSA-44 + ECDSA-P256-SHA256 (id-MLDSA44-ECDSA-P256-SHA256).</summary>
    public static CompositeMlDsaSignatureAlgorithm MlDsa44EcdsaP256 { get; } = new(
        "ML-DSA-44+ECDSA-P256-SHA256", "1.3.6.1.5.5.7.6.40", "COMPSIG-MLDSA44-ECDSA-P256-SHA256", MlDsa44, EcdsaP256Sha256, System.Security.Cryptography.HashAlgorithmName.SHA256);

    /// <summary>Composite ML-DSA-65 + ECDSA-P256 with SHA-512 pre-hash (id-MLDSA65-ECDSA-P256-SHA512).</summary>
    public static CompositeMlDsaSignatureAlgorithm MlDsa65EcdsaP256 { get; } = new(
        "ML-DSA-65+ECDSA-P256-SHA512", "1.3.6.1.5.5.7.6.45", "COMPSIG-MLDSA65-ECDSA-P256-SHA512", MlDsa65, EcdsaP256Sha256, System.Security.Cryptography.HashAlgorithmName.SHA512);

    /// <summary>Composite ML-DSA-87 + ECDSA-P384 with SHA-512 pre-hash (id-MLDSA87-ECDSA-P384-SHA512).</summary>
    public static CompositeMlDsaSignatureAlgorithm MlDsa87EcdsaP384 { get; } = new(
        "ML-DSA-87+ECDSA-P384-SHA512", "1.3.6.1.5.5.7.6.49", "COMPSIG-MLDSA87-ECDSA-P384-SHA512", MlDsa87, EcdsaP384Sha384, System.Security.Cryptography.HashAlgorithmName.SHA512);

    /// <summary>Composite ML-DSA-65 + RSA-3072-PSS with SHA-512 pre-hash (id-MLDSA65-RSA3072-PSS-SHA512).</summary>
    public static CompositeMlDsaSignatureAlgorithm MlDsa65Rsa3072Pss { get; } = new(
        "ML-DSA-65+RSA-3072-PSS-SHA512", "1.3.6.1.5.5.7.6.41", "COMPSIG-MLDSA65-RSA3072-PSS-SHA512", MlDsa65, Rsa3072Pss, System.Security.Cryptography.HashAlgorithmName.SHA512);

    /// <summary>Every signature algorithm, classic first.</summary>
    public static new IReadOnlyList<SignatureAlgorithm> All { get; } =
    [
        Rsa2048Pkcs1, Rsa3072Pkcs1, Rsa4096Pkcs1, Rsa2048Pss, Rsa3072Pss, Rsa4096Pss,
        EcdsaP256Sha256, EcdsaP384Sha384, EcdsaP521Sha512, Ed25519,
        MlDsa44, MlDsa65, MlDsa87,
        SlhDsaSha2_128s, SlhDsaSha2_128f, SlhDsaShake128s, SlhDsaShake128f, SlhDsaSha2_192s, SlhDsaSha2_256s,
        MlDsa44EcdsaP256, MlDsa65EcdsaP256, MlDsa87EcdsaP384, MlDsa65Rsa3072Pss,
    ];

    /// <summary>The largest signature this algorithm produces, in bytes (ECDSA DER signatures may be shorter).</summary>
    public int SignatureSize { get; }

    /// <summary>Finds a signature algorithm by name or OID.</summary>
    /// <param name="nameOrOid">A name such as <c>ML-DSA-65</c> or <c>RSA-3072-PSS</c>, or an OID.</param>
    /// <returns>The algorithm.</returns>
    /// <exception cref="UnsupportedAlgorithmException">No signature algorithm has that name.</exception>
    public static new SignatureAlgorithm FromName(string nameOrOid) =>
        Algorithm.FromName(nameOrOid) as SignatureAlgorithm
        ?? throw new UnsupportedAlgorithmException(nameOrOid, "signature algorithm name");

    /// <summary>Signs <paramref name="data"/> and returns the signature.</summary>
    /// <param name="key">A private key of this algorithm.</param>
    /// <param name="data">The message.</param>
    /// <returns>The signature.</returns>
    public byte[] Sign(Key key, ReadOnlySpan<byte> data)
    {
        var buffer = new byte[SignatureSize];
        var written = Sign(key, data, buffer);
        return written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
    }

    /// <summary>Signs <paramref name="data"/> into <paramref name="signature"/>.</summary>
    /// <param name="key">A private key of this algorithm.</param>
    /// <param name="data">The message.</param>
    /// <param name="signature">At least <see cref="SignatureSize"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    public int Sign(Key key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        var material = key.MaterialFor(this);
        if (signature.Length < SignatureSize)
        {
            throw new ArgumentException($"the signature buffer needs {SignatureSize} bytes", nameof(signature));
        }

        return material is IExternalSignatureMaterial external
            ? external.Sign(this, data, signature)
            : SignCore(material, data, signature);
    }

    /// <summary>Verifies a signature; returns false when it does not verify (or has the wrong size).</summary>
    /// <param name="publicKey">A public key of this algorithm.</param>
    /// <param name="data">The message.</param>
    /// <param name="signature">The signature.</param>
    /// <returns>Whether the signature is valid.</returns>
    public bool TryVerify(PublicKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var material = publicKey.MaterialFor(this);
        return signature.Length > 0 && signature.Length <= SignatureSize && VerifyCore(material, data, signature);
    }

    /// <summary>Verifies a signature and throws <see cref="SignatureVerificationException"/> when it does not verify.</summary>
    /// <param name="publicKey">A public key of this algorithm.</param>
    /// <param name="data">The message.</param>
    /// <param name="signature">The signature.</param>
    public void Verify(PublicKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!TryVerify(publicKey, data, signature))
        {
            throw new SignatureVerificationException(Name);
        }
    }

    private protected abstract int SignCore(KeyMaterial key, ReadOnlySpan<byte> data, Span<byte> signature);

    private protected abstract bool VerifyCore(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
