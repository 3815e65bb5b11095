namespace SecurityKit.Signing.Batch;

/// <summary>What a PIN asked through <see cref="IBatchPinPrompt"/> unlocks.</summary>
public enum BatchPinKind
{
    /// <summary>The user login of the signatory's session (C_Login with CKU_USER, PKCS#11 v2.40 §5.6): asked once per
    /// session, and only when no PIN is configured.</summary>
    Session,

    /// <summary>One signature of a key marked CKA_ALWAYS_AUTHENTICATE (C_Login with CKU_CONTEXT_SPECIFIC right after
    /// C_SignInit, PKCS#11 v2.40 §4.9 and §5.2), as the Belgian eID card's non-repudiation key demands: asked once per
    /// signature.</summary>
    Signature,
}
