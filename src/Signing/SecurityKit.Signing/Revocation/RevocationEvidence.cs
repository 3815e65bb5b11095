using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Revocation;

/// <summary>
/// Verified revocation data about one certificate: an OCSP response or a CRL whose signature, issuer and freshness
/// were checked, with its encoding so that a B-LT signature can embed it.
/// </summary>
public sealed class RevocationEvidence
{
    /// <summary>Creates the record.</summary>
    public RevocationEvidence(RevocationSourceKind kind, RevocationStatus status, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, DateTimeOffset? revocationTime, ReadOnlyMemory<byte> encoded, string source, IReadOnlyList<X509Certificate2> signerCertificates)
    {
        Kind = kind;
        Status = status;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        RevocationTime = revocationTime;
        Encoded = encoded;
        Source = source;
        SignerCertificates = signerCertificates;
    }

    /// <summary>OCSP or CRL.</summary>
    public RevocationSourceKind Kind { get; }

    /// <summary>The status it states.</summary>
    public RevocationStatus Status { get; }

    /// <summary>When the status was known correct.</summary>
    public DateTimeOffset ThisUpdate { get; }

    /// <summary>When newer information will be available, if stated.</summary>
    public DateTimeOffset? NextUpdate { get; }

    /// <summary>When the certificate was revoked, for <see cref="RevocationStatus.Revoked"/>.</summary>
    public DateTimeOffset? RevocationTime { get; }

    /// <summary>The OCSPResponse (RFC 6960 §4.2.1) or CertificateList (RFC 5280 §5.1), DER.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Where it came from: the URL, or <c>embedded</c>.</summary>
    public string Source { get; }

    /// <summary>The certificates that signed it (delegated OCSP responder), which a B-LT signature must also embed.</summary>
    public IReadOnlyList<X509Certificate2> SignerCertificates { get; }
}
