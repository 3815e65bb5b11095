namespace SecurityKit.Crypto;

/// <summary>Where the PKCS#11 keys are: module, token and user PIN (bound from <c>SecurityKit:Crypto:Pkcs11</c>).</summary>
public sealed class Pkcs11Options
{
    /// <summary>Path of the PKCS#11 module, e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>.</summary>
    public string ModulePath { get; set; } = string.Empty;

    /// <summary>Label of the token (CK_TOKEN_INFO.label).</summary>
    public string TokenLabel { get; set; } = string.Empty;

    /// <summary>The user PIN. Prefer a secret store; it is never logged or shown in errors.</summary>
    public string UserPin { get; set; } = string.Empty;

    /// <summary>Most sessions open at once; signatures beyond that wait for a free session.</summary>
    public int MaxSessions { get; set; } = 4;
}
