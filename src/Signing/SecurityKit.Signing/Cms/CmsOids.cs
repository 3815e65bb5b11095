namespace SecurityKit.Signing.Cms;

/// <summary>Object identifiers of CMS, ESS and CAdES that this library reads and writes.</summary>
internal static class CmsOids
{
    // RFC 5652 §4, §5
    public const string Data = "1.2.840.113549.1.7.1";
    public const string SignedData = "1.2.840.113549.1.7.2";

    // RFC 5652 §11 signed attributes
    public const string ContentType = "1.2.840.113549.1.9.3";
    public const string MessageDigest = "1.2.840.113549.1.9.4";
    public const string SigningTime = "1.2.840.113549.1.9.5";
    public const string CounterSignature = "1.2.840.113549.1.9.6";

    // RFC 2634 / RFC 5035 ESS signing-certificate attributes
    public const string SigningCertificate = "1.2.840.113549.1.9.16.2.12";
    public const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";

    // RFC 3161 Appendix A / EN 319 122-1 §5.3
    public const string SignatureTimeStampToken = "1.2.840.113549.1.9.16.2.14";

    // EN 319 122-1 §5.2.5 (content-time-stamp) and §5.5.2/§5.5.3 (archive timestamps v3)
    public const string ContentTimeStamp = "1.2.840.113549.1.9.16.2.20";

    /// <summary>id-aa-ets-certValues (RFC 5126 §6.3.3, EN 319 122-1 §5.5.1).</summary>
    public const string CertificateValues = "1.2.840.113549.1.9.16.2.23";

    /// <summary>id-aa-ets-revocationValues (RFC 5126 §6.3.4, EN 319 122-1 §5.5.2).</summary>
    public const string RevocationValues = "1.2.840.113549.1.9.16.2.24";

    public const string ArchiveTimeStampV3 = "0.4.0.1733.2.4";
    public const string AtsHashIndexV3 = "0.4.0.1733.2.5";

    // RFC 5940 §4.1: OCSP responses inside SignedData.crls as OtherRevocationInfoFormat
    public const string OcspResponseRevocationInfo = "1.3.6.1.5.5.7.16.2";

    // RFC 3161 §2.4.2 TSTInfo content type
    public const string TstInfo = "1.2.840.113549.1.9.16.1.4";
}
