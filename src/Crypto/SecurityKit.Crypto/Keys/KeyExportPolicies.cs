namespace SecurityKit.Crypto;

/// <summary>
/// What may be exported from a private key (NSec's <c>KeyExportPolicies</c>). Keys are not exportable unless the
/// caller asks at creation or import; public keys are always exportable.
/// </summary>
[Flags]
public enum KeyExportPolicies
{
    /// <summary>The private key never leaves the <see cref="Key"/> object.</summary>
    None = 0,

    /// <summary>The private key may be exported once, e.g. to store it (then the policy stays as it is).</summary>
    AllowPlaintextExport = 1,

    /// <summary>The private key may only be exported encrypted under a password (PKCS#8 EncryptedPrivateKeyInfo).</summary>
    AllowEncryptedExport = 2,
}
