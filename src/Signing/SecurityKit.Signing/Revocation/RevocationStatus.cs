namespace SecurityKit.Signing.Revocation;

/// <summary>A certificate's status according to one piece of revocation data (RFC 6960 §2.2, RFC 5280 §5.3).</summary>
public enum RevocationStatus
{
    /// <summary>Not revoked at the data's thisUpdate.</summary>
    Good,

    /// <summary>Revoked at <see cref="RevocationEvidence.RevocationTime"/>.</summary>
    Revoked,

    /// <summary>The responder does not know the certificate.</summary>
    Unknown,
}
