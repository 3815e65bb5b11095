namespace SecurityKit.Crypto;

/// <summary>Formats a key can be imported from and exported to.</summary>
public enum KeyBlobFormat
{
    /// <summary>PKCS#8 <c>OneAsymmetricKey</c> / <c>PrivateKeyInfo</c> (RFC 5958), DER.</summary>
    Pkcs8Der,

    /// <summary>PKCS#8 in PEM, label <c>PRIVATE KEY</c> (RFC 7468 §10).</summary>
    Pkcs8Pem,

    /// <summary>PKCS#8 <c>EncryptedPrivateKeyInfo</c> (RFC 5958 §3), PBES2 with AES-256-CBC and PBKDF2-SHA256, DER.</summary>
    EncryptedPkcs8Der,

    /// <summary>Encrypted PKCS#8 in PEM, label <c>ENCRYPTED PRIVATE KEY</c> (RFC 7468 §11).</summary>
    EncryptedPkcs8Pem,

    /// <summary>X.509 <c>SubjectPublicKeyInfo</c> (RFC 5280 §4.1.2.7), DER.</summary>
    SubjectPublicKeyInfoDer,

    /// <summary>SubjectPublicKeyInfo in PEM, label <c>PUBLIC KEY</c> (RFC 7468 §13).</summary>
    SubjectPublicKeyInfoPem,
}
