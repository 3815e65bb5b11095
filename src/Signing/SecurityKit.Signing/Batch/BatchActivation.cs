namespace SecurityKit.Signing.Batch;

/// <summary>How often a signing device must be activated (PIN, login, authorisation) within a signatory's session.</summary>
public enum BatchActivation
{
    /// <summary>Once for all the signatory's documents: an HSM session (one C_Login), a remote signing service's
    /// credential authorisation for N hashes (CSC API v2 <c>numSignatures</c>), a software key.</summary>
    PerSession,

    /// <summary>Once per signature: a key that demands a fresh PIN for every signature, as the Belgian eID card's
    /// non-repudiation key does (CKA_ALWAYS_AUTHENTICATE, a context-specific login per signature, PKCS#11 v2.40 §5.2).
    /// The client must collect one PIN per document; one PIN never covers a batch.</summary>
    PerSignature,
}
