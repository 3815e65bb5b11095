namespace SecurityKit.Signing.Revocation;

/// <summary>The kind of revocation data.</summary>
public enum RevocationSourceKind
{
    /// <summary>An OCSP response (RFC 6960).</summary>
    Ocsp,

    /// <summary>A certificate revocation list (RFC 5280 §5).</summary>
    Crl,
}
