using System.Security.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>
/// A private key (with its public key) bound to one <see cref="Algorithm"/>. Passing it to another algorithm throws
/// <see cref="KeyAlgorithmMismatchException"/> at once. The private key cannot be exported unless the key was created
/// or imported with <see cref="KeyExportPolicies"/> allowing it. Disposing the key releases and clears the key
/// material (platform keys are freed with OpenSSL's clear-free; exported buffers SecurityKit made are zeroed).
/// </summary>
public sealed class Key : IDisposable
{
    private readonly KeyMaterial _material;
    private PublicKey? _publicKey;
    private bool _disposed;

    internal Key(Algorithm algorithm, KeyMaterial material, KeyExportPolicies exportPolicy)
    {
        Algorithm = algorithm;
        _material = material;
        ExportPolicy = exportPolicy;
    }

    /// <summary>The algorithm this key belongs to.</summary>
    public Algorithm Algorithm { get; }

    /// <summary>What may be exported from this key.</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>The public key, bound to the same algorithm.</summary>
    public PublicKey PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _publicKey ??= new PublicKey(Algorithm, Algorithm.ImportPublicKeyMaterial(_material.ExportSubjectPublicKeyInfo()));
        }
    }

    internal KeyMaterial Material
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _material;
        }
    }

    /// <summary>Creates a new random key for <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">The algorithm the key is for.</param>
    /// <param name="exportPolicy">What may be exported later; nothing by default.</param>
    /// <returns>The key.</returns>
    public static Key Create(Algorithm algorithm, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return new Key(algorithm, algorithm.GenerateKeyMaterial(), exportPolicy);
    }

    /// <summary>
    /// Imports a private key. The blob must hold a key of <paramref name="algorithm"/> (same OID and, for RSA and
    /// EC, the same size or curve); otherwise <see cref="KeyFormatException"/>.
    /// </summary>
    /// <param name="algorithm">The algorithm the key is for.</param>
    /// <param name="blob">The key in <paramref name="format"/>.</param>
    /// <param name="format">A private-key format (PKCS#8 DER or PEM, plain or encrypted).</param>
    /// <param name="exportPolicy">What may be exported later.</param>
    /// <param name="password">The password of an encrypted PKCS#8 blob.</param>
    /// <returns>The key.</returns>
    public static Key Import(
        Algorithm algorithm,
        ReadOnlySpan<byte> blob,
        KeyBlobFormat format,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None,
        ReadOnlySpan<char> password = default)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var pkcs8 = KeyEncoding.ReadPrivateKey(blob, format, password);
        try
        {
            KeyEncoding.CheckAlgorithm(algorithm, KeyEncoding.PrivateKeyAlgorithm(pkcs8), format.ToString());
            return new Key(algorithm, algorithm.ImportPrivateKeyMaterial(pkcs8), exportPolicy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Exports the key. Public formats are always allowed; private formats need the export policy.</summary>
    /// <param name="format">The format.</param>
    /// <param name="password">The password for the encrypted formats (PBES2, AES-256-CBC, PBKDF2-SHA256, 600,000 iterations).</param>
    /// <returns>The blob; for private formats the caller should zero it when done.</returns>
    public byte[] Export(KeyBlobFormat format, ReadOnlySpan<char> password = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        switch (format)
        {
            case KeyBlobFormat.SubjectPublicKeyInfoDer:
            case KeyBlobFormat.SubjectPublicKeyInfoPem:
                return PublicKey.Export(format);
            case KeyBlobFormat.Pkcs8Der:
            case KeyBlobFormat.Pkcs8Pem:
                if (!ExportPolicy.HasFlag(KeyExportPolicies.AllowPlaintextExport) || !_material.CanExportPrivateKey)
                {
                    throw new KeyNotExportableException(Algorithm.Name);
                }

                break;
            case KeyBlobFormat.EncryptedPkcs8Der:
            case KeyBlobFormat.EncryptedPkcs8Pem:
                if ((ExportPolicy & (KeyExportPolicies.AllowEncryptedExport | KeyExportPolicies.AllowPlaintextExport)) == 0
                    || !_material.CanExportPrivateKey)
                {
                    throw new KeyNotExportableException(Algorithm.Name);
                }

                if (password.IsEmpty)
                {
                    throw new ArgumentException("an encrypted export needs a password", nameof(password));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }

        var pkcs8 = _material.ExportPkcs8();
        try
        {
            return KeyEncoding.WritePrivateKey(pkcs8, format, password);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Releases the key material.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _material.Dispose();
        _publicKey?.Dispose();
    }

    internal KeyMaterial MaterialFor(Algorithm algorithm)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!ReferenceEquals(algorithm, Algorithm))
        {
            throw new KeyAlgorithmMismatchException(algorithm.Name, Algorithm.Name);
        }

        return _material;
    }
}
