using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// Step 2 of the signing flow for a whole signatory session: the device makes every signature value of the session
/// in as few activations as it allows (<see cref="Activation"/>). Implementations: <see cref="SoftwareKeyBatchDevice"/>,
/// <see cref="Pkcs11BatchDevice"/> (HSM or card over PKCS#11), <see cref="CscBatchDevice"/> (remote signing
/// service, Cloud Signature Consortium API v2). A browser or desktop signer uses the three-step methods of
/// <see cref="BatchService"/> instead.
/// </summary>
public interface IBatchSigningDevice
{
    /// <summary>The signer's certificate.</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>Certificates towards a trust anchor, embedded in the signatures.</summary>
    IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>The algorithm (SHA-256 digest: RSA PKCS#1 v1.5 or ECDSA P-256).</summary>
    SignatureAlgorithm Algorithm { get; }

    /// <summary>How often the device is activated.</summary>
    BatchActivation Activation { get; }

    /// <summary>
    /// Makes the signature values of <paramref name="requests"/>, in order: with one activation for
    /// <see cref="BatchActivation.PerSession"/>, with one per request for <see cref="BatchActivation.PerSignature"/>.
    /// </summary>
    /// <param name="requests">The signatures to make.</param>
    /// <param name="cancellationToken">Cancels the session.</param>
    /// <returns>One signature value per request, in order.</returns>
    /// <exception cref="SecurityKitException">The device refused (wrong PIN, authorisation refused, device error).</exception>
    Task<IReadOnlyList<byte[]>> SignAllAsync(IReadOnlyList<BatchSignatureRequest> requests, CancellationToken cancellationToken = default);
}
