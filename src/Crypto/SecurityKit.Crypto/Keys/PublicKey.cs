namespace SecurityKit.Crypto;

/// <summary>A public key bound to one <see cref="Algorithm"/>; always exportable as SubjectPublicKeyInfo.</summary>
public sealed class PublicKey : IDisposable
{
    private readonly KeyMaterial _material;
    private bool _disposed;

    internal PublicKey(Algorithm algorithm, KeyMaterial material)
    {
        Algorithm = algorithm;
        _material = material;
    }

    /// <summary>The algorithm this key belongs to.</summary>
    public Algorithm Algorithm { get; }

    /// <summary>Imports a public key from a SubjectPublicKeyInfo (DER or PEM).</summary>
    /// <param name="algorithm">The algorithm the key is for.</param>
    /// <param name="blob">The key.</param>
    /// <param name="format"><see cref="KeyBlobFormat.SubjectPublicKeyInfoDer"/> or <see cref="KeyBlobFormat.SubjectPublicKeyInfoPem"/>.</param>
    /// <returns>The public key.</returns>
    public static PublicKey Import(Algorithm algorithm, ReadOnlySpan<byte> blob, KeyBlobFormat format)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var spki = KeyEncoding.ReadPublicKey(blob, format);
        KeyEncoding.CheckAlgorithm(algorithm, KeyEncoding.PublicKeyAlgorithm(spki), format.ToString());
        return new PublicKey(algorithm, algorithm.ImportPublicKeyMaterial(spki));
    }

    /// <summary>Exports the key as SubjectPublicKeyInfo, DER or PEM.</summary>
    /// <param name="format">A public-key format.</param>
    /// <returns>The blob.</returns>
    public byte[] Export(KeyBlobFormat format)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var der = _material.ExportSubjectPublicKeyInfo();
        return format switch
        {
            KeyBlobFormat.SubjectPublicKeyInfoDer => der,
            KeyBlobFormat.SubjectPublicKeyInfoPem => System.Text.Encoding.ASCII.GetBytes(System.Security.Cryptography.PemEncoding.WriteString("PUBLIC KEY", der) + "\n"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), "a public key exports as SubjectPublicKeyInfo only"),
        };
    }

    /// <summary>Releases the key material.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _material.Dispose();
        }
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
