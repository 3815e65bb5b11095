using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;

namespace SecurityKit.Crypto;

/// <summary>
/// Hybrid X25519 + ML-KEM-768 as X-Wing, <b>draft-connolly-cfrg-xwing-kem-08</b> (checked against its Appendix C test vectors): the private key is a 32-byte
/// seed expanded with SHAKE256 into an ML-KEM-768 seed (d || z) and an X25519 scalar (§5.2); pk = pk_M || pk_X
/// (1216 bytes); ct = ct_M || ct_X (1120 bytes); ss = SHA3-256(ss_M || ss_X || ct_X || pk_X || XWingLabel) with
/// XWingLabel = 5c2e2f2f5e5c (§5.3). The shared secret stays secret while either X25519 or ML-KEM-768 holds.
/// PKCS#8 carries the 32-byte seed and SubjectPublicKeyInfo the 1216-byte key, under the draft's OID
/// 1.3.6.1.4.1.62253.25722.
/// </summary>
public sealed class XWingKemAlgorithm : KeyEncapsulationAlgorithm
{
    private static readonly byte[] XWingLabel = [0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c];

    internal XWingKemAlgorithm()
        : base("X25519-ML-KEM-768", "1.3.6.1.4.1.62253.25722", 3, 128, 1216, 1120, "draft-connolly-cfrg-xwing-kem-08")
    {
    }

    internal override KeyMaterial GenerateKeyMaterial()
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        try
        {
            return FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8)
    {
        var seed = KeyEncoding.ReadPrivateKeyOctets(pkcs8);
        try
        {
            return seed.Length == 32
                ? FromSeed(seed)
                : throw new KeyFormatException($"the X-Wing private key has {seed.Length} bytes, not a 32-byte seed", "X-Wing privateKey");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo)
    {
        var raw = KeyEncoding.ReadSubjectPublicKey(subjectPublicKeyInfo);
        if (raw.Length != PublicKeySize)
        {
            throw new KeyFormatException($"the X-Wing public key has {raw.Length} bytes, not {PublicKeySize}", "X-Wing subjectPublicKey");
        }

        try
        {
            return new XWingKeyMaterial(
                null,
                null,
                MLKemPublicKeyParameters.FromEncoding(MlKem768.Parameters, raw[..1184]),
                new X25519PublicKeyParameters(raw, 1184));
        }
        catch (ArgumentException exception)
        {
            throw new KeyFormatException("the ML-KEM-768 part of the X-Wing key is not valid (FIPS 203 §7.2 check)", "X-Wing subjectPublicKey", exception);
        }
    }

    internal override bool IsCompatible(KeyMaterial material) => material is XWingKeyMaterial;

    private protected override void EncapsulateCore(KeyMaterial publicKey, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        var key = (XWingKeyMaterial)publicKey;
        Span<byte> ssM = stackalloc byte[32];
        Span<byte> ssX = stackalloc byte[32];
        try
        {
            MlKem768.Encapsulate(key.MlKemPublic, ciphertext[..1088], ssM);
            var ephemeral = new X25519PrivateKeyParameters(BouncyCastleKeyMaterial.Random);
            ephemeral.GeneratePublicKey().Encode(ciphertext[1088..]);
            X25519KemAlgorithm.Agree(ephemeral, key.X25519Public, ssX);
            Combine(ssM, ssX, ciphertext[1088..], key.X25519Public, sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ssX);
        }
    }

    private protected override void DecapsulateCore(KeyMaterial key, ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        var material = (XWingKeyMaterial)key;
        Span<byte> ssM = stackalloc byte[32];
        Span<byte> ssX = stackalloc byte[32];
        try
        {
            MlKem768.Decapsulate(material.MlKemPrivate!, ciphertext[..1088], ssM);
            X25519KemAlgorithm.Agree(material.X25519Private!, new X25519PublicKeyParameters(ciphertext[1088..]), ssX);
            Combine(ssM, ssX, ciphertext[1088..], material.X25519Public, sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ssX);
        }
    }

    private static void Combine(ReadOnlySpan<byte> ssM, ReadOnlySpan<byte> ssX, ReadOnlySpan<byte> ctX, X25519PublicKeyParameters pkX, Span<byte> sharedSecret)
    {
        var sha3 = new Sha3Digest(256);
        sha3.BlockUpdate(ssM);
        sha3.BlockUpdate(ssX);
        sha3.BlockUpdate(ctX);
        Span<byte> pk = stackalloc byte[32];
        pkX.Encode(pk);
        sha3.BlockUpdate(pk);
        sha3.BlockUpdate(XWingLabel);
        sha3.DoFinal(sharedSecret);
    }

    // §5.2 expandDecapsulationKey: expanded = SHAKE256(sk, 96); ML-KEM-768 from expanded[0:64]; X25519 from [64:96].
    private static XWingKeyMaterial FromSeed(byte[] seed)
    {
        var shake = new ShakeDigest(256);
        shake.BlockUpdate(seed);
        var expanded = new byte[96];
        try
        {
            shake.OutputFinal(expanded);
            var mlKem = MLKemPrivateKeyParameters.FromSeed(MlKem768.Parameters, expanded[..64]);
            var x25519 = new X25519PrivateKeyParameters(expanded, 64);
            return new XWingKeyMaterial((byte[])seed.Clone(), mlKem, mlKem.GetPublicKey(), x25519, x25519.GeneratePublicKey());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(expanded);
        }
    }
}
