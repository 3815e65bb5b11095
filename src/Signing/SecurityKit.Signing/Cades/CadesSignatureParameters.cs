using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Keys;

namespace SecurityKit.Signing.Cades;

/// <summary>
/// What to sign with and how: the signer's certificate and chain, the algorithm, the level and packaging, and the
/// choice of signed attributes. Step 1 and step 3 of the signing flow take the same parameters.
/// </summary>
public sealed class CadesSignatureParameters
{
    /// <summary>The signer's certificate.</summary>
    public required X509Certificate2 SigningCertificate { get; init; }

    /// <summary>Intermediate (and optionally root) certificates embedded in <c>SignedData.certificates</c>.</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; init; } = [];

    /// <summary>The signature algorithm the device will use.</summary>
    public required SignatureAlgorithm SignatureAlgorithm { get; init; }

    /// <summary>The level to reach; B-T and above need a timestamp client on the service.</summary>
    public SignatureLevel Level { get; init; } = SignatureLevel.BaselineB;

    /// <summary>Detached (default) or enveloping.</summary>
    public SignaturePackaging Packaging { get; init; } = SignaturePackaging.Detached;

    /// <summary>
    /// Whether to add the signing-time attribute (EN 319 122-1 §5.2.1, required for CAdES B-B). PAdES sets this to
    /// <see langword="false"/>: EN 319 142-1 §6.3 forbids signing-time in a PAdES CMS (the time goes in /M).
    /// </summary>
    public bool IncludeSigningTime { get; init; } = true;

    /// <summary>The claimed signing time; the current time when <see langword="null"/>.</summary>
    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>
    /// Whether <see cref="CadesService.SignDocumentAsync"/> checks the signature value against the certificate's
    /// public key before assembling the CMS (catches a device that signed with the wrong key). RSA and ECDSA only.
    /// </summary>
    public bool VerifySignatureValue { get; init; } = true;

    /// <summary>Parameters for a signature value provider's certificate, chain and algorithm.</summary>
    public static CadesSignatureParameters For(ISignatureValueProvider signer, SignatureLevel level = SignatureLevel.BaselineB, SignaturePackaging packaging = SignaturePackaging.Detached)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return new CadesSignatureParameters
        {
            SigningCertificate = signer.Certificate,
            CertificateChain = signer.CertificateChain,
            SignatureAlgorithm = signer.Algorithm,
            Level = level,
            Packaging = packaging,
        };
    }
}
