using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto.Parameters;
using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Keys;

/// <summary>
/// A signature value provider for ML-DSA keys (FIPS 204). BouncyCastle makes the value because the platform's
/// <c>MLDsa</c> needs OpenSSL 3.5, which the supported Linux distributions do not all ship yet. Pure mode with an
/// empty context string, as RFC 9882 §3 requires for CMS.
/// </summary>
public sealed class MlDsaSigner : ISignatureValueProvider
{
    private readonly MLDsaPrivateKeyParameters _key;
    private readonly MLDsaParameters _parameters;

    /// <summary>Creates a provider for an ML-DSA private key and its certificate.</summary>
    /// <exception cref="SecurityKitException">The key's parameter set is not ML-DSA-44/65/87.</exception>
    public MlDsaSigner(MLDsaPrivateKeyParameters privateKey, X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(certificate);
        _key = privateKey;
        _parameters = privateKey.Parameters;
        Algorithm = MlDsaParameterSets.AlgorithmFor(_parameters)
            ?? throw new SecurityKitException($"unsupported ML-DSA parameter set {_parameters}", "signing key");
        Certificate = certificate;
        CertificateChain = chain?.ToArray() ?? [];
    }

    /// <inheritdoc />
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc />
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <inheritdoc />
    public SignatureAlgorithm Algorithm { get; }

    /// <summary>Signs synchronously.</summary>
    public byte[] Sign(ReadOnlySpan<byte> dataToSign)
    {
        var signer = new Org.BouncyCastle.Crypto.Signers.MLDsaSigner(_parameters, deterministic: false);
        signer.Init(true, _key);
        signer.BlockUpdate(dataToSign);
        return signer.GenerateSignature();
    }

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> dataToSign, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Sign(dataToSign.Span));
}
