namespace SecurityKit.Signing.Validation;

/// <summary>A certificate as shown in a report: names (common name only, never identifying serialNumber attributes), serial number, validity.</summary>
/// <param name="CommonName">The subject's common name.</param>
/// <param name="Issuer">The issuer's common name.</param>
/// <param name="SerialNumber">The certificate serial number, hexadecimal.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="TrustAnchor">Whether this certificate is one of the configured trust anchors.</param>
public sealed record CertificateReport(string CommonName, string Issuer, string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter, bool TrustAnchor);

/// <summary>One timestamp of a signature.</summary>
/// <param name="Type">SIGNATURE_TIMESTAMP or ARCHIVE_TIMESTAMP.</param>
/// <param name="GenerationTime">TSTInfo genTime.</param>
/// <param name="Authority">The TSA certificate's common name.</param>
/// <param name="Valid">Whether imprint, signature and TSA chain verified.</param>
/// <param name="Message">Why it is not valid, if so.</param>
public sealed record TimestampReport(string Type, DateTimeOffset? GenerationTime, string? Authority, bool Valid, string? Message);

/// <summary>Revocation data used for one certificate of the path.</summary>
/// <param name="Certificate">The certificate's common name.</param>
/// <param name="Kind">OCSP or CRL.</param>
/// <param name="Origin"><c>embedded</c> or the URL it was fetched from.</param>
/// <param name="Status">good, revoked or unknown.</param>
/// <param name="ThisUpdate">When the status was known correct.</param>
/// <param name="RevocationTime">When the certificate was revoked, if it was.</param>
public sealed record RevocationReport(string Certificate, string Kind, string Origin, string Status, DateTimeOffset ThisUpdate, DateTimeOffset? RevocationTime);

/// <summary>What the signing certificate's QC statements (EN 319 412-5) claim.</summary>
/// <param name="QcCompliance">EU qualified certificate claimed.</param>
/// <param name="QcSscd">Key in a QSCD claimed.</param>
/// <param name="QcTypes">esign, eseal, web.</param>
/// <param name="Semantics">natural person or legal person, if stated.</param>
/// <param name="Conclusion">QESig, QESeal, AdESig-QC, AdESeal-QC or AdES — from the certificate alone.</param>
/// <param name="Note">What the conclusion rests on.</param>
public sealed record QualificationReport(bool QcCompliance, bool QcSscd, IReadOnlyList<string> QcTypes, string? Semantics, string Conclusion, string Note);
