using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Keys;

/// <summary>
/// Makes the signature value of step 2 of the signing flow (DESIGN.md): a software key, an HSM over PKCS#11, an eID
/// card in the signer's browser or a remote signing service. The library never needs the private key itself, only
/// this provider.
/// </summary>
public interface ISignatureValueProvider
{
    /// <summary>The signer's certificate (its public key must match the key that signs).</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>
    /// Certificates that lead from <see cref="Certificate"/> towards a trust anchor (intermediates, optionally the
    /// root); embedded in the CMS so that verifiers can build the path.
    /// </summary>
    IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>The algorithm this provider signs with.</summary>
    SignatureAlgorithm Algorithm { get; }

    /// <summary>
    /// Signs <paramref name="dataToSign"/> (the DER-encoded signed attributes): the provider hashes it with
    /// <see cref="SignatureAlgorithm.Digest"/> unless the algorithm signs messages directly (ML-DSA). RSA returns the
    /// modulus-sized value, ECDSA a DER <c>Ecdsa-Sig-Value</c>.
    /// </summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> dataToSign, CancellationToken cancellationToken = default);
}
