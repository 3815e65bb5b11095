namespace SecurityKit.Crypto;

/// <summary>
/// The backend object behind a <see cref="Key"/> or <see cref="PublicKey"/>: a platform key, a BouncyCastle key, a
/// pair of component keys or a handle into a PKCS#11 token. Callers never see which; each algorithm class knows the
/// kind of material it creates and casts to it.
/// </summary>
internal abstract class KeyMaterial : IDisposable
{
    public abstract bool HasPrivateKey { get; }

    /// <summary>Whether the private key can be exported at all (false for keys that live in a token).</summary>
    public virtual bool CanExportPrivateKey => HasPrivateKey;

    /// <summary>The private key as PKCS#8 DER (caller zeroes the result).</summary>
    public abstract byte[] ExportPkcs8();

    /// <summary>The public key as SubjectPublicKeyInfo DER.</summary>
    public abstract byte[] ExportSubjectPublicKeyInfo();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
