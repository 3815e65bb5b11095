using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace SecurityKit.Crypto;

/// <summary>
/// SLH-DSA (FIPS 205), pure mode with an empty context, on BouncyCastle. The "s" sets give small signatures and slow
/// signing, the "f" sets the reverse (FIPS 205 Table 2). OIDs from the NIST CSOR (2.16.840.1.101.3.4.3.20–31).
/// </summary>
public sealed class SlhDsaSignatureAlgorithm : SignatureAlgorithm
{
    private readonly SlhDsaParameters _parameters;

    internal SlhDsaSignatureAlgorithm(ParameterSet set)
        : base(
            Describe(set).Name,
            Describe(set).Oid,
            Describe(set).Oid,
            Describe(set).Level,
            Describe(set).Bits,
            Describe(set).PublicKey,
            Describe(set).Signature,
            "FIPS 205")
    {
        _parameters = set switch
        {
            ParameterSet.Sha2_128s => SlhDsaParameters.slh_dsa_sha2_128s,
            ParameterSet.Sha2_128f => SlhDsaParameters.slh_dsa_sha2_128f,
            ParameterSet.Shake_128s => SlhDsaParameters.slh_dsa_shake_128s,
            ParameterSet.Shake_128f => SlhDsaParameters.slh_dsa_shake_128f,
            ParameterSet.Sha2_192s => SlhDsaParameters.slh_dsa_sha2_192s,
            _ => SlhDsaParameters.slh_dsa_sha2_256s,
        };
    }

    internal enum ParameterSet
    {
        Sha2_128s,
        Sha2_128f,
        Shake_128s,
        Shake_128f,
        Sha2_192s,
        Sha2_256s,
    }

    internal override KeyMaterial GenerateKeyMaterial()
    {
        var generator = new SlhDsaKeyPairGenerator();
        generator.Init(new SlhDsaKeyGenerationParameters(BouncyCastleKeyMaterial.Random, _parameters));
        var pair = generator.GenerateKeyPair();
        return new BouncyCastleKeyMaterial(pair.Private, pair.Public);
    }

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8)
    {
        var material = BouncyCastleKeyMaterial.FromPkcs8<SlhDsaPrivateKeyParameters>(pkcs8, k => k.GetPublicKey());
        return ((SlhDsaPrivateKeyParameters)material.PrivateKey).Parameters == _parameters
            ? material
            : throw new KeyFormatException($"the key is not {Name}", "SLH-DSA parameter set");
    }

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo)
    {
        var material = BouncyCastleKeyMaterial.FromSubjectPublicKeyInfo<SlhDsaPublicKeyParameters>(subjectPublicKeyInfo);
        return ((SlhDsaPublicKeyParameters)material.PublicKey).Parameters == _parameters
            ? material
            : throw new KeyFormatException($"the key is not {Name}", "SLH-DSA parameter set");
    }

    internal override bool IsCompatible(KeyMaterial material) =>
        material is BouncyCastleKeyMaterial { PublicKey: SlhDsaPublicKeyParameters };

    private protected override int SignCore(KeyMaterial key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var signer = new SlhDsaSigner(_parameters, deterministic: false);
        signer.Init(true, ((BouncyCastleKeyMaterial)key).PrivateKey);
        signer.BlockUpdate(data);
        var result = signer.GenerateSignature();
        result.CopyTo(signature);
        return result.Length;
    }

    private protected override bool VerifyCore(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSize)
        {
            return false;
        }

        var verifier = new SlhDsaSigner(_parameters, deterministic: false);
        verifier.Init(false, ((BouncyCastleKeyMaterial)key).PublicKey);
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }

    private static (string Name, string Oid, int Level, int Bits, int PublicKey, int Signature) Describe(ParameterSet set) => set switch
    {
        ParameterSet.Sha2_128s => ("SLH-DSA-SHA2-128s", "2.16.840.1.101.3.4.3.20", 1, 128, 32, 7856),
        ParameterSet.Sha2_128f => ("SLH-DSA-SHA2-128f", "2.16.840.1.101.3.4.3.21", 1, 128, 32, 17088),
        ParameterSet.Shake_128s => ("SLH-DSA-SHAKE-128s", "2.16.840.1.101.3.4.3.26", 1, 128, 32, 7856),
        ParameterSet.Shake_128f => ("SLH-DSA-SHAKE-128f", "2.16.840.1.101.3.4.3.27", 1, 128, 32, 17088),
        ParameterSet.Sha2_192s => ("SLH-DSA-SHA2-192s", "2.16.840.1.101.3.4.3.22", 3, 192, 48, 16224),
        _ => ("SLH-DSA-SHA2-256s", "2.16.840.1.101.3.4.3.24", 5, 256, 64, 29792),
    };
}
