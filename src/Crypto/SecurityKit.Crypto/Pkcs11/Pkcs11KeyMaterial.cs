using Net.Pkcs11Interop.HighLevelAPI;

namespace SecurityKit.Crypto;

/// <summary>A private key inside a PKCS#11 token: signs there, never exports.</summary>
internal sealed class Pkcs11KeyMaterial(Pkcs11KeyProvider provider, IObjectHandle handle, byte[] subjectPublicKeyInfo, bool alwaysAuthenticate)
    : KeyMaterial, IExternalSignatureMaterial
{
    public bool AlwaysAuthenticate { get; } = alwaysAuthenticate;

    public Pkcs11KeyProvider Provider => provider;

    public IObjectHandle Handle => handle;

    public override bool HasPrivateKey => true;

    public override bool CanExportPrivateKey => false;

    public override byte[] ExportPkcs8() => throw new KeyNotExportableException("PKCS#11 token");

    public override byte[] ExportSubjectPublicKeyInfo() => (byte[])subjectPublicKeyInfo.Clone();

    public int Sign(SignatureAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> signature) =>
        provider.Sign(algorithm, handle, AlwaysAuthenticate, data, signature);

    protected override void Dispose(bool disposing)
    {
        // The key stays in the token; the provider owns the sessions.
    }
}
