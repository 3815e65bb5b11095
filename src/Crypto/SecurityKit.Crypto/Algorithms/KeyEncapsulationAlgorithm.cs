using System.Security.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>
/// A key-encapsulation mechanism: the sender derives a fresh shared secret and a ciphertext from the recipient's
/// public key; the recipient recovers the secret from the ciphertext with the private key.
/// </summary>
/// <remarks>
/// <code>
/// algorithm          | public key | ciphertext | secret | NIST PQ level | reference
/// -------------------+------------+------------+--------+---------------+------------------------------------
/// ML-KEM-512         | 800        | 768        | 32     | 1             | FIPS 203 Table 3
/// ML-KEM-768         | 1184       | 1088       | 32     | 3             | FIPS 203 Table 3
/// ML-KEM-1024        | 1568       | 1568       | 32     | 5             | FIPS 203 Table 3
/// X25519 (DHKEM)     | 32         | 32         | 32     | 0 (Shor)      | RFC 9180 §4.1, DHKEM(X25519, HKDF-SHA256)
/// X-Wing             | 1216       | 1120       | 32     | 3             | draft-connolly-cfrg-xwing-kem-08
/// </code>
/// </remarks>
public abstract class KeyEncapsulationAlgorithm : Algorithm
{
    private protected KeyEncapsulationAlgorithm(
        string name, string oid, int nistSecurityLevel, int classicalSecurityBits, int publicKeySize, int ciphertextSize, string standard)
        : base(name, oid, oid, nistSecurityLevel, classicalSecurityBits, publicKeySize, standard)
    {
        CiphertextSize = ciphertextSize;
    }

    /// <summary>ML-KEM-512 (FIPS 203).</summary>
    public static MlKemAlgorithm MlKem512 { get; } = new(MlKemAlgorithm.ParameterSet.MlKem512);

    /// <summary>ML-KEM-768 (FIPS 203).</summary>
    public static MlKemAlgorithm MlKem768 { get; } = new(MlKemAlgorithm.ParameterSet.MlKem768);

    /// <summary>ML-KEM-1024 (FIPS 203).</summary>
    public static MlKemAlgorithm MlKem1024 { get; } = new(MlKemAlgorithm.ParameterSet.MlKem1024);

    /// <summary>X25519 as a KEM: DHKEM(X25519, HKDF-SHA256) of RFC 9180 §4.1.</summary>
    public static X25519KemAlgorithm X25519 { get; } = new();

    /// <summary>Hybrid X25519 + ML-KEM-768 (X-Wing, draft-connolly-cfrg-xwing-kem-08).</summary>
    public static XWingKemAlgorithm X25519MlKem768 { get; } = new();

    /// <summary>Every key-encapsulation algorithm.</summary>
    public static new IReadOnlyList<KeyEncapsulationAlgorithm> All { get; } = [X25519, MlKem512, MlKem768, MlKem1024, X25519MlKem768];

    /// <summary>Size of the ciphertext (encapsulation) in bytes.</summary>
    public int CiphertextSize { get; }

    /// <summary>Size of the shared secret in bytes (32 for every algorithm here).</summary>
    public int SharedSecretSize { get; } = 32;

    /// <summary>Finds a key-encapsulation algorithm by name or OID.</summary>
    /// <param name="nameOrOid">A name such as <c>ML-KEM-768</c>, or an OID.</param>
    /// <returns>The algorithm.</returns>
    public static new KeyEncapsulationAlgorithm FromName(string nameOrOid) =>
        Algorithm.FromName(nameOrOid) as KeyEncapsulationAlgorithm
        ?? throw new UnsupportedAlgorithmException(nameOrOid, "key-encapsulation algorithm name");

    /// <summary>Encapsulates a fresh shared secret to <paramref name="publicKey"/>.</summary>
    /// <param name="publicKey">The recipient's public key.</param>
    /// <param name="ciphertext">Receives <see cref="CiphertextSize"/> bytes.</param>
    /// <param name="sharedSecret">Receives <see cref="SharedSecretSize"/> bytes.</param>
    public void Encapsulate(PublicKey publicKey, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var material = publicKey.MaterialFor(this);
        if (ciphertext.Length != CiphertextSize || sharedSecret.Length != SharedSecretSize)
        {
            throw new ArgumentException($"{Name} needs a {CiphertextSize}-byte ciphertext and a {SharedSecretSize}-byte secret buffer");
        }

        EncapsulateCore(material, ciphertext, sharedSecret);
    }

    /// <summary>Encapsulates a fresh shared secret; the caller should zero the secret when done.</summary>
    /// <param name="publicKey">The recipient's public key.</param>
    /// <returns>The ciphertext and the shared secret.</returns>
    public (byte[] Ciphertext, byte[] SharedSecret) Encapsulate(PublicKey publicKey)
    {
        var ciphertext = new byte[CiphertextSize];
        var secret = new byte[SharedSecretSize];
        Encapsulate(publicKey, ciphertext, secret);
        return (ciphertext, secret);
    }

    /// <summary>Recovers the shared secret from a ciphertext.</summary>
    /// <param name="key">The recipient's private key.</param>
    /// <param name="ciphertext">Exactly <see cref="CiphertextSize"/> bytes.</param>
    /// <param name="sharedSecret">Receives <see cref="SharedSecretSize"/> bytes.</param>
    public void Decapsulate(Key key, ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(key);
        var material = key.MaterialFor(this);
        if (ciphertext.Length != CiphertextSize)
        {
            throw new SecurityKitException($"the {Name} ciphertext has {ciphertext.Length} bytes, expected {CiphertextSize}", "ciphertext");
        }

        if (sharedSecret.Length != SharedSecretSize)
        {
            throw new ArgumentException($"the secret buffer needs {SharedSecretSize} bytes", nameof(sharedSecret));
        }

        DecapsulateCore(material, ciphertext, sharedSecret);
    }

    /// <summary>Recovers the shared secret; the caller should zero it when done.</summary>
    /// <param name="key">The recipient's private key.</param>
    /// <param name="ciphertext">The ciphertext.</param>
    /// <returns>The shared secret.</returns>
    public byte[] Decapsulate(Key key, ReadOnlySpan<byte> ciphertext)
    {
        var secret = new byte[SharedSecretSize];
        try
        {
            Decapsulate(key, ciphertext, secret);
            return secret;
        }
        catch
        {
            CryptographicOperations.ZeroMemory(secret);
            throw;
        }
    }

    private protected abstract void EncapsulateCore(KeyMaterial publicKey, Span<byte> ciphertext, Span<byte> sharedSecret);

    private protected abstract void DecapsulateCore(KeyMaterial key, ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret);
}
