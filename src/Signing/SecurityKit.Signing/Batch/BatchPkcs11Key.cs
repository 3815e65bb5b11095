namespace SecurityKit.Signing.Batch;

/// <summary>
/// Where a signatory's key is when it signs with a PKCS#11 token or card (<c>pkcs11</c> in the manifest): module,
/// token label, key label and the key's certificate. The PIN is not part of it (it is never stored).
/// </summary>
/// <param name="Module">Absolute path of the PKCS#11 module (e.g. the Belgian eID middleware's <c>libbeidpkcs11.so</c>).</param>
/// <param name="Token">Token label (CK_TOKEN_INFO.label).</param>
/// <param name="Key">The private key's CKA_LABEL.</param>
/// <param name="Certificate">Absolute path of the key's certificate (PEM or DER).</param>
public sealed record BatchPkcs11Key(string Module, string Token, string Key, string Certificate);
