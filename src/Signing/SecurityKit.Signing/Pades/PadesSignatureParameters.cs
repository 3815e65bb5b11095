using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Pades;

/// <summary>What a PAdES signature says and how it is made. The same parameters go to each step of the flow.</summary>
public sealed class PadesSignatureParameters
{
    /// <summary>The signer's certificate (its private key is not needed for the three-step flow).</summary>
    public required X509Certificate2 SigningCertificate { get; init; }

    /// <summary>The chain above the signer (intermediates, optionally the root), embedded in the CMS.</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; init; } = [];

    /// <summary>The baseline level to reach.</summary>
    public PadesLevel Level { get; init; } = PadesLevel.BaselineB;

    /// <summary>Digest algorithm: SHA-256 (default), SHA-384 or SHA-512. Ignored when <see cref="SignatureAlgorithm"/> is set.</summary>
    public HashAlgorithmName DigestAlgorithm { get; init; } = HashAlgorithmName.SHA256;

    /// <summary>
    /// The CMS signature algorithm the device signs with (RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA); when null, PKCS#1 v1.5
    /// for an RSA certificate and ECDSA for an EC certificate, with <see cref="DigestAlgorithm"/>.
    /// </summary>
    public Algorithms.SignatureAlgorithm? SignatureAlgorithm { get; init; }

    /// <summary>The claimed signing time, written to /M (EN 319 142-1 §5.3). Defaults to now.</summary>
    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>Signature field to fill (an existing empty one) or create; a free SignatureN name when null.</summary>
    public string? FieldName { get; init; }

    /// <summary>/Name of the signature dictionary (shown by readers); defaults to the certificate's common name.</summary>
    public string? SignerName { get; init; }

    /// <summary>/Reason.</summary>
    public string? Reason { get; init; }

    /// <summary>/Location.</summary>
    public string? Location { get; init; }

    /// <summary>The signer's role, shown in a visible signature.</summary>
    public string? Role { get; init; }

    /// <summary>The RFC 3161 time-stamping authority for B-T and above.</summary>
    public Uri? TimestampAuthority { get; init; }

    /// <summary>A visible appearance; invisible when null.</summary>
    public PadesVisibleSignature? Visible { get; init; }

    /// <summary>
    /// Makes this a certification signature (ISO 32000-1 §12.8.2.2, DocMDP) with this permission level; an approval
    /// signature when null. Only the first signature of a document can certify it.
    /// </summary>
    public DocMdpLevel? Certification { get; init; }

    /// <summary>
    /// The user or owner password of an encrypted PDF (ISO 32000-1 §7.6.3, ISO 32000-2 §7.6.4); the update is then
    /// encrypted with the document's key, except the signature value. Null for a PDF that is not encrypted; an encrypted
    /// PDF without it is refused with <see cref="Pdf.PdfEncryptedException"/>, a wrong one with
    /// <see cref="Pdf.PdfPasswordException"/>. With the user password, the document's permissions must allow signing.
    /// </summary>
    public string? PdfPassword { get; init; }

    /// <summary>Bytes reserved in the PDF for the CMS; estimated from the certificates and level when null.</summary>
    public int? ContentsCapacity { get; init; }
}
