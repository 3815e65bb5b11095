using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Keys;

/// <summary>
/// A signature value provider over a certificate whose private key the platform holds (a PFX, a PKCS#8 key file, or
/// a key that SecurityKit.Crypto exposes as an <see cref="RSA"/> or <see cref="ECDsa"/>): RSA PKCS#1 v1.5 or PSS,
/// and ECDSA.
/// </summary>
public sealed class CertificateKeySigner : ISignatureValueProvider, IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    /// <summary>Creates a provider for a certificate that carries its private key.</summary>
    /// <param name="certificate">The signer certificate with its private key.</param>
    /// <param name="chain">Intermediate (and optionally root) certificates to embed.</param>
    /// <param name="algorithm">The algorithm; when omitted, RSA PKCS#1 v1.5 with SHA-256 for RSA keys and ECDSA with
    /// the hash matching the curve size for EC keys (SHA-256 for P-256, SHA-384 for P-384, SHA-512 for P-521).</param>
    /// <exception cref="SecurityKitException">The certificate has no private key, or the key does not fit the algorithm.</exception>
    public CertificateKeySigner(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null, SignatureAlgorithm? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Certificate = certificate;
        CertificateChain = chain?.Where(c => !c.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)).ToArray() ?? [];
        if (!certificate.HasPrivateKey)
        {
            throw new SecurityKitException("the signing certificate has no private key", "signer certificate");
        }

        _rsa = certificate.GetRSAPrivateKey();
        _ecdsa = _rsa is null ? certificate.GetECDsaPrivateKey() : null;
        if (_rsa is not null)
        {
            Algorithm = algorithm ?? SignatureAlgorithm.RsaPkcs1Sha256;
            if (Algorithm.KeyKind is not (SignatureKeyKind.RsaPkcs1 or SignatureKeyKind.RsaPss))
            {
                throw new SecurityKitException($"an RSA key cannot sign with {Algorithm.Name}", "signature algorithm");
            }
        }
        else if (_ecdsa is not null)
        {
            Algorithm = algorithm ?? (_ecdsa.KeySize switch
            {
                <= 256 => SignatureAlgorithm.EcdsaSha256,
                <= 384 => SignatureAlgorithm.EcdsaSha384,
                _ => SignatureAlgorithm.EcdsaSha512,
            });
            if (Algorithm.KeyKind != SignatureKeyKind.Ecdsa)
            {
                throw new SecurityKitException($"an EC key cannot sign with {Algorithm.Name}", "signature algorithm");
            }
        }
        else
        {
            throw new SecurityKitException("the signing key is neither RSA nor ECDSA (use an ML-DSA provider for ML-DSA keys)", "signer certificate");
        }
    }

    /// <summary>
    /// Loads a PFX (PKCS#12) file: the certificate with a private key is the signer, the others are its chain.
    /// </summary>
    /// <exception cref="SecurityKitException">The file cannot be read with this password or holds no key.</exception>
    public static CertificateKeySigner FromPfx(string path, string password, SignatureAlgorithm? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        X509Certificate2Collection collection;
        try
        {
            collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new SecurityKitException("the PFX cannot be opened (wrong password or not a PKCS#12 file)", Path.GetFileName(path), e);
        }

        var signer = collection.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new SecurityKitException("the PFX holds no certificate with a private key", Path.GetFileName(path));
        return new CertificateKeySigner(signer, collection.Where(c => !ReferenceEquals(c, signer)), algorithm);
    }

    /// <inheritdoc />
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc />
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <inheritdoc />
    public SignatureAlgorithm Algorithm { get; }

    /// <summary>Signs synchronously (a software key never waits).</summary>
    public byte[] Sign(ReadOnlySpan<byte> dataToSign)
    {
        var hash = Algorithm.Digest.HashName;
        return Algorithm.KeyKind switch
        {
            SignatureKeyKind.RsaPkcs1 => _rsa!.SignData(dataToSign.ToArray(), hash, RSASignaturePadding.Pkcs1),
            SignatureKeyKind.RsaPss => _rsa!.SignData(dataToSign.ToArray(), hash, RSASignaturePadding.Pss),
            _ => _ecdsa!.SignData(dataToSign, hash, DSASignatureFormat.Rfc3279DerSequence),
        };
    }

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> dataToSign, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Sign(dataToSign.Span));

    /// <inheritdoc />
    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }
}
