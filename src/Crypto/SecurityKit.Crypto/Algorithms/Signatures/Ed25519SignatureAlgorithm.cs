using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace SecurityKit.Crypto;

/// <summary>
/// Ed25519 (RFC 8032 §5.1, pure mode) on BouncyCastle: .NET has no Ed25519 API. Keys and SubjectPublicKeyInfo as in
/// RFC 8410 (OID 1.3.101.112).
/// </summary>
public sealed class Ed25519SignatureAlgorithm : SignatureAlgorithm
{
    internal Ed25519SignatureAlgorithm()
        : base("Ed25519", "1.3.101.112", "1.3.101.112", 0, 128, 32, 64, "RFC 8032")
    {
    }

    internal override KeyMaterial GenerateKeyMaterial()
    {
        var privateKey = new Ed25519PrivateKeyParameters(BouncyCastleKeyMaterial.Random);
        return new BouncyCastleKeyMaterial(privateKey, privateKey.GeneratePublicKey());
    }

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8) =>
        BouncyCastleKeyMaterial.FromPkcs8<Ed25519PrivateKeyParameters>(pkcs8, k => k.GeneratePublicKey());

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo) =>
        BouncyCastleKeyMaterial.FromSubjectPublicKeyInfo<Ed25519PublicKeyParameters>(subjectPublicKeyInfo);

    internal override bool IsCompatible(KeyMaterial material) =>
        material is BouncyCastleKeyMaterial { PublicKey: Ed25519PublicKeyParameters };

    private protected override int SignCore(KeyMaterial key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, ((BouncyCastleKeyMaterial)key).PrivateKey);
        signer.BlockUpdate(data);
        var result = signer.GenerateSignature();
        result.CopyTo(signature);
        return result.Length;
    }

    private protected override bool VerifyCore(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, ((BouncyCastleKeyMaterial)key).PublicKey);
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }
}
