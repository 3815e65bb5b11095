using System.Text.Json.Serialization;

namespace SecurityKit.Signing.Validation;

/// <summary>Why a validation did not pass (ETSI EN 319 102-1 §5.1.3, table 5); the subset this validator reports.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubIndication>))]
public enum SubIndication
{
    /// <summary>TOTAL_FAILED: the signature does not conform to the format (malformed, missing mandatory attributes).</summary>
    [JsonStringEnumMemberName("FORMAT_FAILURE")]
    FormatFailure,

    /// <summary>TOTAL_FAILED: the content's digest does not match the message-digest attribute.</summary>
    [JsonStringEnumMemberName("HASH_FAILURE")]
    HashFailure,

    /// <summary>TOTAL_FAILED: the signature value does not verify with the signer's public key.</summary>
    [JsonStringEnumMemberName("SIG_CRYPTO_FAILURE")]
    SigCryptoFailure,

    /// <summary>TOTAL_FAILED: the signing certificate was revoked before the proven signing time.</summary>
    [JsonStringEnumMemberName("REVOKED")]
    Revoked,

    /// <summary>TOTAL_FAILED: the signing certificate had expired at the proven signing time.</summary>
    [JsonStringEnumMemberName("EXPIRED")]
    Expired,

    /// <summary>TOTAL_FAILED: the signing certificate was not yet valid at the signing time.</summary>
    [JsonStringEnumMemberName("NOT_YET_VALID")]
    NotYetValid,

    /// <summary>INDETERMINATE: the signing certificate cannot be identified (absent, or signing-certificate-v2 mismatch).</summary>
    [JsonStringEnumMemberName("NO_SIGNING_CERTIFICATE_FOUND")]
    NoSigningCertificateFound,

    /// <summary>INDETERMINATE: no path from the signing certificate to a trust anchor.</summary>
    [JsonStringEnumMemberName("NO_CERTIFICATE_CHAIN_FOUND")]
    NoCertificateChainFound,

    /// <summary>INDETERMINATE: the path was found but is invalid for another reason.</summary>
    [JsonStringEnumMemberName("CERTIFICATE_CHAIN_GENERAL_FAILURE")]
    CertificateChainGeneralFailure,

    /// <summary>INDETERMINATE: a certificate constraint failed (e.g. key usage without non-repudiation).</summary>
    [JsonStringEnumMemberName("CHAIN_CONSTRAINTS_FAILURE")]
    ChainConstraintsFailure,

    /// <summary>INDETERMINATE: a constraint on the signature failed (e.g. a timestamp does not verify).</summary>
    [JsonStringEnumMemberName("SIG_CONSTRAINTS_FAILURE")]
    SigConstraintsFailure,

    /// <summary>INDETERMINATE: the signing certificate is revoked and nothing proves the signature came before.</summary>
    [JsonStringEnumMemberName("REVOKED_NO_POE")]
    RevokedNoPoe,

    /// <summary>INDETERMINATE: a CA certificate is revoked and nothing proves the signature came before.</summary>
    [JsonStringEnumMemberName("REVOKED_CA_NO_POE")]
    RevokedCaNoPoe,

    /// <summary>INDETERMINATE: the signing time is outside the certificate's validity and nothing proves an earlier time.</summary>
    [JsonStringEnumMemberName("OUT_OF_BOUNDS_NO_POE")]
    OutOfBoundsNoPoe,

    /// <summary>INDETERMINATE: revocation status is not available now; trying later may succeed.</summary>
    [JsonStringEnumMemberName("TRY_LATER")]
    TryLater,

    /// <summary>INDETERMINATE: the signed content is not available (detached signature without its content).</summary>
    [JsonStringEnumMemberName("SIGNED_DATA_NOT_FOUND")]
    SignedDataNotFound,

    /// <summary>INDETERMINATE: an algorithm or key size is not accepted.</summary>
    [JsonStringEnumMemberName("CRYPTO_CONSTRAINTS_FAILURE")]
    CryptoConstraintsFailure,
}
