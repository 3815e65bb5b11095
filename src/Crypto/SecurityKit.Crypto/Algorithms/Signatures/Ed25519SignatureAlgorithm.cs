using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Sodium = NSec.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>
/// Ed25519 (RFC 8032 §5.1, pure mode). .NET has no Ed25519 API; the backend is NSec over libsodium, which signs at
/// OpenSSL's speed and keeps the seed in memory it wipes on dispose. Where libsodium cannot be loaded (a platform
/// the libsodium package ships no binary for) BouncyCastle is used instead; callers never see which. Keys and
/// SubjectPublicKeyInfo as in RFC 8410 (OID 1.3.101.112).
/// </summary>
public sealed class Ed25519SignatureAlgorithm : SignatureAlgorithm
{
    private const int SeedSize = 32;

    internal Ed25519SignatureAlgorithm()
        : this(SodiumAvailable.Value)
    {
    }

    /// <summary>Makes an instance with a chosen backend; tests use it to run the BouncyCastle path on purpose.</summary>
    internal Ed25519SignatureAlgorithm(bool useSodium)
        : base("Ed25519", "1.3.101.112", "1.3.101.112", 0, 128, 32, 64, "RFC 8032")
    {
        UsesSodium = useSodium;
    }

    /// <summary>Whether libsodium loaded and passed a sign/verify self-test in this process.</summary>
    internal static Lazy<bool> SodiumAvailable { get; } = new(ProbeSodium);

    /// <summary>Whether new keys of this instance are libsodium keys (else BouncyCastle keys).</summary>
    internal bool UsesSodium { get; }

    internal override KeyMaterial GenerateKeyMaterial()
    {
        if (UsesSodium)
        {
            return SodiumEd25519KeyMaterial.Generate();
        }

        var privateKey = new Ed25519PrivateKeyParameters(BouncyCastleKeyMaterial.Random);
        return new BouncyCastleKeyMaterial(privateKey, privateKey.GeneratePublicKey());
    }

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8)
    {
        if (!UsesSodium)
        {
            return BouncyCastleKeyMaterial.FromPkcs8<Ed25519PrivateKeyParameters>(pkcs8, k => k.GeneratePublicKey());
        }

        var (seed, publicKey) = ReadPkcs8(pkcs8);
        var material = SodiumEd25519KeyMaterial.FromSeed(seed.Span);
        if (publicKey is { } claimed && !claimed.Span.SequenceEqual(material.PublicKey.Export(Sodium.KeyBlobFormat.RawPublicKey)))
        {
            // RFC 8410 §7 / RFC 5958 §2: a OneAsymmetricKey v2 may carry the public key; one that does not belong to
            // the seed means a corrupted or forged blob, and signing with it would produce unverifiable signatures.
            material.Dispose();
            throw new KeyFormatException("the publicKey field does not match the Ed25519 private key", "PKCS#8 publicKey");
        }

        return material;
    }

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo)
    {
        if (!UsesSodium)
        {
            return BouncyCastleKeyMaterial.FromSubjectPublicKeyInfo<Ed25519PublicKeyParameters>(subjectPublicKeyInfo);
        }

        var point = KeyEncoding.ReadSubjectPublicKey(subjectPublicKeyInfo);
        return point.Length == 32
            ? SodiumEd25519KeyMaterial.FromPublicKey(point)
            : throw new KeyFormatException($"an Ed25519 public key has 32 bytes, not {point.Length}", "SubjectPublicKeyInfo subjectPublicKey");
    }

    internal override bool IsCompatible(KeyMaterial material) =>
        material is SodiumEd25519KeyMaterial or BouncyCastleKeyMaterial { PublicKey: Ed25519PublicKeyParameters };

    private protected override int SignCore(KeyMaterial key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        if (key is SodiumEd25519KeyMaterial sodium)
        {
            SodiumEd25519KeyMaterial.Algorithm.Sign(sodium.PrivateKey, data, signature[..64]);
            return 64;
        }

        var signer = new Ed25519Signer();
        signer.Init(true, ((BouncyCastleKeyMaterial)key).PrivateKey);
        signer.BlockUpdate(data);
        var result = signer.GenerateSignature();
        result.CopyTo(signature);
        return result.Length;
    }

    private protected override bool VerifyCore(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (key is SodiumEd25519KeyMaterial sodium)
        {
            return signature.Length == 64 && SodiumEd25519KeyMaterial.Algorithm.Verify(sodium.PublicKey, data, signature);
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, ((BouncyCastleKeyMaterial)key).PublicKey);
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }

    /// <summary>
    /// The seed and optional public key of an RFC 8410 §7 OneAsymmetricKey. The seed is a slice of
    /// <paramref name="pkcs8"/> (no copy), which the caller wipes.
    /// </summary>
    private static (ReadOnlyMemory<byte> Seed, ReadOnlyMemory<byte>? PublicKey) ReadPkcs8(byte[] pkcs8)
    {
        try
        {
            var sequence = new AsnReader(pkcs8, AsnEncodingRules.DER).ReadSequence();
            sequence.ReadInteger();
            sequence.ReadSequence();
            if (!sequence.TryReadPrimitiveOctetString(out var privateKey))
            {
                throw new KeyFormatException("the privateKey OCTET STRING is not primitive", "PKCS#8 privateKey");
            }

            // CurvePrivateKey ::= OCTET STRING (RFC 8410 §7), nested inside privateKey.
            var inner = new AsnReader(privateKey, AsnEncodingRules.DER);
            if (!inner.TryReadPrimitiveOctetString(out var seed) || inner.HasData || seed.Length != SeedSize)
            {
                throw new KeyFormatException("an Ed25519 CurvePrivateKey is an OCTET STRING of 32 bytes", "PKCS#8 privateKey");
            }

            ReadOnlyMemory<byte>? publicKey = null;
            var attributes = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(attributes))
            {
                sequence.ReadEncodedValue();
            }

            if (sequence.HasData)
            {
                if (!sequence.TryReadPrimitiveBitString(out var unused, out var bits, new Asn1Tag(TagClass.ContextSpecific, 1)) || unused != 0)
                {
                    throw new KeyFormatException("the publicKey field is not a [1] BIT STRING", "PKCS#8 publicKey");
                }

                publicKey = bits;
            }

            sequence.ThrowIfNotEmpty();
            return (seed, publicKey);
        }
        catch (AsnContentException exception)
        {
            throw new KeyFormatException("malformed Ed25519 private key", "PKCS#8 DER", exception);
        }
    }

    private static bool ProbeSodium()
    {
        try
        {
            // A sign/verify round trip, not only a load: a libsodium that loads but misbehaves must not be used.
            using var key = Sodium.Key.Create(Sodium.SignatureAlgorithm.Ed25519);
            ReadOnlySpan<byte> message = [0x53, 0x4b];
            var signature = Sodium.SignatureAlgorithm.Ed25519.Sign(key, message);
            return Sodium.SignatureAlgorithm.Ed25519.Verify(key.PublicKey, message, signature);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
            or TypeInitializationException or PlatformNotSupportedException or InvalidOperationException or CryptographicException)
        {
            return false;
        }
    }
}
