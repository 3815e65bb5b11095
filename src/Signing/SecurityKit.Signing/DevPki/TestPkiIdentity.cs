namespace SecurityKit.Signing.DevPki;

/// <summary>The certificates a <see cref="TestPki"/> issues, each written to <c>&lt;name&gt;.pfx</c>.</summary>
public enum TestPkiIdentity
{
    /// <summary>The self-signed root CA (<c>root-ca</c>), the trust anchor.</summary>
    RootCa,

    /// <summary>The intermediate CA (<c>intermediate-ca</c>) that issues every end-entity certificate.</summary>
    IntermediateCa,

    /// <summary>A natural person's qualified-style signing certificate (<c>signer</c>): nonRepudiation, QcCompliance, QcSSCD, QcType esign.</summary>
    Signer,

    /// <summary>A legal person's qualified-style seal certificate (<c>seal</c>): QcType eseal.</summary>
    Seal,

    /// <summary>The timestamping unit (<c>tsa</c>): critical EKU id-kp-timeStamping only.</summary>
    TimestampAuthority,

    /// <summary>The delegated OCSP responder (<c>ocsp</c>): EKU id-kp-OCSPSigning and id-pkix-ocsp-nocheck.</summary>
    OcspResponder,

    /// <summary>A signing certificate revoked an hour before the PKI was made (<c>revoked</c>).</summary>
    Revoked,

    /// <summary>A signing certificate whose validity ended a year before the PKI was made (<c>expired</c>).</summary>
    Expired,
}
