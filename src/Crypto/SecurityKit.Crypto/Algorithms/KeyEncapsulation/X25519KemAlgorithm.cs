using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;

namespace SecurityKit.Crypto;

/// <summary>
/// X25519 used as a KEM: DHKEM(X25519, HKDF-SHA256) exactly as RFC 9180 §4.1 defines it (kem_id 0x0020), with
/// the all-zero shared-secret check of RFC 9180 §7.1.4. X25519 itself runs on BouncyCastle (.NET has no X25519).
/// </summary>
public sealed class X25519KemAlgorithm : KeyEncapsulationAlgorithm
{
    private static readonly byte[] SuiteId = [.. "KEM"u8, 0x00, 0x20];
    private static readonly byte[] Version = Encoding.ASCII.GetBytes("HPKE-v1");

    internal X25519KemAlgorithm()
        : base("X25519", "1.3.101.110", 0, 128, 32, 32, "RFC 7748, RFC 9180")
    {
    }

    internal override KeyMaterial GenerateKeyMaterial()
    {
        var privateKey = new X25519PrivateKeyParameters(BouncyCastleKeyMaterial.Random);
        return new BouncyCastleKeyMaterial(privateKey, privateKey.GeneratePublicKey());
    }

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8) =>
        BouncyCastleKeyMaterial.FromPkcs8<X25519PrivateKeyParameters>(pkcs8, k => k.GeneratePublicKey());

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo) =>
        BouncyCastleKeyMaterial.FromSubjectPublicKeyInfo<X25519PublicKeyParameters>(subjectPublicKeyInfo);

    internal override bool IsCompatible(KeyMaterial material) =>
        material is BouncyCastleKeyMaterial { PublicKey: X25519PublicKeyParameters };

    /// <summary>Encap(pkR) of RFC 9180 §4.1 with a given ephemeral key (exposed for the RFC's test vectors).</summary>
    internal static void Encapsulate(X25519PublicKeyParameters recipient, X25519PrivateKeyParameters ephemeral, Span<byte> enc, Span<byte> sharedSecret)
    {
        Span<byte> dh = stackalloc byte[32];
        try
        {
            Agree(ephemeral, recipient, dh);
            ephemeral.GeneratePublicKey().Encode(enc);
            Span<byte> kemContext = stackalloc byte[64];
            enc.CopyTo(kemContext);
            recipient.Encode(kemContext[32..]);
            ExtractAndExpand(dh, kemContext, sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    /// <summary>Decap(enc, skR) of RFC 9180 §4.1.</summary>
    internal static void Decapsulate(X25519PrivateKeyParameters recipient, ReadOnlySpan<byte> enc, Span<byte> sharedSecret)
    {
        Span<byte> dh = stackalloc byte[32];
        try
        {
            Agree(recipient, new X25519PublicKeyParameters(enc), dh);
            Span<byte> kemContext = stackalloc byte[64];
            enc.CopyTo(kemContext);
            recipient.GeneratePublicKey().Encode(kemContext[32..]);
            ExtractAndExpand(dh, kemContext, sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    /// <summary>Raw X25519 (RFC 7748 §5) refusing the all-zero output of low-order points (RFC 9180 §7.1.4).</summary>
    internal static void Agree(X25519PrivateKeyParameters privateKey, X25519PublicKeyParameters publicKey, Span<byte> secret)
    {
        try
        {
            privateKey.GenerateSecret(publicKey, secret);
        }
        catch (InvalidOperationException exception)
        {
            throw new SecurityKitException("X25519 produced the all-zero secret (low-order public key)", "X25519 public key", exception);
        }

        if (CryptographicOperations.FixedTimeEquals(secret, stackalloc byte[32]))
        {
            throw new SecurityKitException("X25519 produced the all-zero secret (low-order public key)", "X25519 public key");
        }
    }

    private protected override void EncapsulateCore(KeyMaterial publicKey, Span<byte> ciphertext, Span<byte> sharedSecret) =>
        Encapsulate(
            (X25519PublicKeyParameters)((BouncyCastleKeyMaterial)publicKey).PublicKey,
            new X25519PrivateKeyParameters(BouncyCastleKeyMaterial.Random),
            ciphertext,
            sharedSecret);

    private protected override void DecapsulateCore(KeyMaterial key, ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret) =>
        Decapsulate((X25519PrivateKeyParameters)((BouncyCastleKeyMaterial)key).PrivateKey, ciphertext, sharedSecret);

    // RFC 9180 §4: LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm);
    // LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L).
    private static void ExtractAndExpand(ReadOnlySpan<byte> dh, ReadOnlySpan<byte> kemContext, Span<byte> sharedSecret)
    {
        byte[] labeledIkm = [.. Version, .. SuiteId, .. "eae_prk"u8, .. dh];
        Span<byte> prk = stackalloc byte[32];
        try
        {
            HKDF.Extract(HashAlgorithmName.SHA256, labeledIkm, [], prk);
            byte[] labeledInfo = [0x00, 0x20, .. Version, .. SuiteId, .. "shared_secret"u8, .. kemContext];
            HKDF.Expand(HashAlgorithmName.SHA256, prk, sharedSecret, labeledInfo);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(labeledIkm);
            CryptographicOperations.ZeroMemory(prk);
        }
    }
}
