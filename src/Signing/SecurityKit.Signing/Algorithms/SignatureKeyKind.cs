namespace SecurityKit.Signing.Algorithms;

/// <summary>The family of a signature key, which decides how a signature value is made and encoded.</summary>
public enum SignatureKeyKind
{
    /// <summary>RSA with PKCS#1 v1.5 padding (RFC 8017 §8.2).</summary>
    RsaPkcs1,

    /// <summary>RSA with PSS padding, MGF1 with the same hash, salt as long as the hash (RFC 8017 §8.1, RFC 4056).</summary>
    RsaPss,

    /// <summary>ECDSA; values are DER <c>Ecdsa-Sig-Value</c> SEQUENCEs as CMS requires (RFC 5753 §7.2).</summary>
    Ecdsa,

    /// <summary>ML-DSA (FIPS 204), pure mode with an empty context, as CMS uses it (RFC 9882).</summary>
    MlDsa,
}
