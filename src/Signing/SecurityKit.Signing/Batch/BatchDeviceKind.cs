namespace SecurityKit.Signing.Batch;

/// <summary>The kind of device a signatory signs with, which fixes how often it must be activated.</summary>
public enum BatchDeviceKind
{
    /// <summary>A software key (PKCS#12 file): no activation.</summary>
    SoftwareKey,

    /// <summary>An HSM seal or token over PKCS#11: one login per session.</summary>
    Pkcs11Token,

    /// <summary>A remote signing service (CSC API v2): one authorisation for all the session's hashes.</summary>
    RemoteService,

    /// <summary>The Belgian eID card: its signature key demands the PIN for every signature.</summary>
    EidCard,

    /// <summary>Another browser or desktop signer driven through the three-step flow: one activation per session.</summary>
    External,
}
