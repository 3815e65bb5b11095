using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Crypto;
using CryptoAlgorithm = SecurityKit.Crypto.SignatureAlgorithm;
using SignatureAlgorithm = SecurityKit.Signing.Algorithms.SignatureAlgorithm;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// A key in a PKCS#11 token (an HSM seal, a smart card) as a batch device, through SecurityKit.Crypto's
/// <see cref="Pkcs11KeyProvider"/>. A session opens the token and logs in once (C_Login), signs every request
/// inside the token and logs out: one activation per signatory session. A key marked CKA_ALWAYS_AUTHENTICATE (the
/// eID card's non-repudiation key) additionally gets a context-specific login before each signature, which the
/// provider does; declare such a key with <see cref="BatchActivation.PerSignature"/> so the portal knows.
/// </summary>
public sealed class Pkcs11BatchDevice : IBatchSigningDevice
{
    private readonly Pkcs11Options options;
    private readonly CryptoAlgorithm keyAlgorithm;
    private readonly string keyLabel;

    /// <summary>Creates the device.</summary>
    /// <param name="options">Module, token and PIN.</param>
    /// <param name="keyAlgorithm">The token key's algorithm: an RSA PKCS#1 v1.5 or ECDSA P-256 algorithm of SecurityKit.Crypto.</param>
    /// <param name="keyLabel">The key's CKA_LABEL.</param>
    /// <param name="certificate">The key's certificate.</param>
    /// <param name="chain">Certificates towards a trust anchor.</param>
    /// <param name="activation">Whether the key demands a login per signature (CKA_ALWAYS_AUTHENTICATE).</param>
    /// <exception cref="SecurityKitException">The algorithm is not usable for PAdES/CAdES batch signatures.</exception>
    public Pkcs11BatchDevice(Pkcs11Options options, CryptoAlgorithm keyAlgorithm, string keyLabel, X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null, BatchActivation activation = BatchActivation.PerSession)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyAlgorithm);
        ArgumentNullException.ThrowIfNull(keyLabel);
        ArgumentNullException.ThrowIfNull(certificate);
        this.options = options;
        this.keyAlgorithm = keyAlgorithm;
        this.keyLabel = keyLabel;
        Certificate = certificate;
        CertificateChain = chain?.ToArray() ?? [];
        Activation = activation;

        // The provider signs RSA with CKM_SHA256_RSA_PKCS and ECDSA over a hash of the curve's size.
        Algorithm = keyAlgorithm switch
        {
            RsaSignatureAlgorithm { UsesPss: false } => SignatureAlgorithm.RsaPkcs1Sha256,
            EcdsaSignatureAlgorithm { CurveName: "P-256" } => SignatureAlgorithm.EcdsaSha256,
            _ => throw new SecurityKitException($"{keyAlgorithm.Name} is not usable for batch signatures (RSA PKCS#1 v1.5 or ECDSA P-256)", "key algorithm"),
        };
    }

    /// <inheritdoc/>
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc/>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <inheritdoc/>
    public SignatureAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public BatchActivation Activation { get; }

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> SignAllAsync(IReadOnlyList<BatchSignatureRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<byte[]>>([]);
        }

        // One provider = one C_Login for the whole session; disposing it logs out.
        using var provider = new Pkcs11KeyProvider(options);
        using var key = provider.GetKey(keyAlgorithm, keyLabel);
        var values = new byte[requests.Count][];
        for (var i = 0; i < requests.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            values[i] = keyAlgorithm.Sign(key, requests[i].DataToSign.Span);
        }

        return Task.FromResult<IReadOnlyList<byte[]>>(values);
    }
}
