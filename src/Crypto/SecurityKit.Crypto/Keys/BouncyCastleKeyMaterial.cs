using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace SecurityKit.Crypto;

/// <summary>
/// Key material held by BouncyCastle (Ed25519, X25519, ML-DSA, SLH-DSA, ML-KEM). PKCS#8 and SubjectPublicKeyInfo
/// use BouncyCastle's encoders, which follow RFC 8410 (Ed25519/X25519) and the LAMPS ML-DSA / ML-KEM / SLH-DSA
/// certificate RFCs and drafts. BouncyCastle keeps key arrays inside its parameter objects where SecurityKit cannot
/// reach them; on dispose the references are dropped (see docs/crypto.md, "Key lifetime").
/// </summary>
internal sealed class BouncyCastleKeyMaterial(AsymmetricKeyParameter? privateKey, AsymmetricKeyParameter publicKey) : KeyMaterial
{
    private AsymmetricKeyParameter? _privateKey = privateKey;

    public AsymmetricKeyParameter PrivateKey =>
        _privateKey ?? throw new InvalidOperationException("this key has no private part");

    public AsymmetricKeyParameter PublicKey { get; } = publicKey;

    public override bool HasPrivateKey => _privateKey is not null;

    public static SecureRandom Random { get; } = new();

    public static BouncyCastleKeyMaterial FromPkcs8<TPrivate>(byte[] pkcs8, Func<TPrivate, AsymmetricKeyParameter> publicOf)
        where TPrivate : AsymmetricKeyParameter
    {
        AsymmetricKeyParameter key;
        try
        {
            key = PrivateKeyFactory.CreateKey(pkcs8);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException or FormatException or SecurityUtilityException or Org.BouncyCastle.Asn1.Asn1Exception or InvalidCastException or IndexOutOfRangeException)
        {
            throw new KeyFormatException("malformed private key", "PKCS#8 privateKey", exception);
        }

        if (key is not TPrivate typed)
        {
            throw new KeyFormatException($"the private key is a {key.GetType().Name}, not the expected kind", "PKCS#8 privateKey");
        }

        return new BouncyCastleKeyMaterial(typed, publicOf(typed));
    }

    public static BouncyCastleKeyMaterial FromSubjectPublicKeyInfo<TPublic>(byte[] spki)
        where TPublic : AsymmetricKeyParameter
    {
        AsymmetricKeyParameter key;
        try
        {
            key = PublicKeyFactory.CreateKey(spki);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException or FormatException or SecurityUtilityException or Org.BouncyCastle.Asn1.Asn1Exception or InvalidCastException or IndexOutOfRangeException)
        {
            throw new KeyFormatException("malformed public key", "SubjectPublicKeyInfo subjectPublicKey", exception);
        }

        return key is TPublic typed
            ? new BouncyCastleKeyMaterial(null, typed)
            : throw new KeyFormatException($"the public key is a {key.GetType().Name}, not the expected kind", "SubjectPublicKeyInfo");
    }

    public override byte[] ExportPkcs8() => PrivateKeyInfoFactory.CreatePrivateKeyInfo(PrivateKey).GetDerEncoded();

    public override byte[] ExportSubjectPublicKeyInfo() =>
        SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(PublicKey).GetDerEncoded();

    protected override void Dispose(bool disposing) => _privateKey = null;
}
