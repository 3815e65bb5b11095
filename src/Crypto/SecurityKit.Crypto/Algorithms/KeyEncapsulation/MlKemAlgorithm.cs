using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;

namespace SecurityKit.Crypto;

/// <summary>
/// ML-KEM (FIPS 203) on BouncyCastle (the platform's MLKem reports unsupported on OpenSSL 3.0). Keys are encoded as
/// in the LAMPS ML-KEM certificate draft as BouncyCastle implements it (OIDs 2.16.840.1.101.3.4.4.1–3).
/// </summary>
public sealed class MlKemAlgorithm : KeyEncapsulationAlgorithm
{
    internal MlKemAlgorithm(ParameterSet set)
        : base(
            set switch { ParameterSet.MlKem512 => "ML-KEM-512", ParameterSet.MlKem768 => "ML-KEM-768", _ => "ML-KEM-1024" },
            set switch { ParameterSet.MlKem512 => "2.16.840.1.101.3.4.4.1", ParameterSet.MlKem768 => "2.16.840.1.101.3.4.4.2", _ => "2.16.840.1.101.3.4.4.3" },
            set switch { ParameterSet.MlKem512 => 1, ParameterSet.MlKem768 => 3, _ => 5 },
            set switch { ParameterSet.MlKem512 => 128, ParameterSet.MlKem768 => 192, _ => 256 },
            set switch { ParameterSet.MlKem512 => 800, ParameterSet.MlKem768 => 1184, _ => 1568 },
            set switch { ParameterSet.MlKem512 => 768, ParameterSet.MlKem768 => 1088, _ => 1568 },
            "FIPS 203")
    {
        Parameters = set switch { ParameterSet.MlKem512 => MLKemParameters.ml_kem_512, ParameterSet.MlKem768 => MLKemParameters.ml_kem_768, _ => MLKemParameters.ml_kem_1024 };
    }

    internal enum ParameterSet
    {
        MlKem512,
        MlKem768,
        MlKem1024,
    }

    internal MLKemParameters Parameters { get; }

    internal override KeyMaterial GenerateKeyMaterial()
    {
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(BouncyCastleKeyMaterial.Random, Parameters));
        var pair = generator.GenerateKeyPair();
        return new BouncyCastleKeyMaterial(pair.Private, pair.Public);
    }

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8)
    {
        var material = BouncyCastleKeyMaterial.FromPkcs8<MLKemPrivateKeyParameters>(pkcs8, k => k.GetPublicKey());
        return ((MLKemPrivateKeyParameters)material.PrivateKey).Parameters == Parameters
            ? material
            : throw new KeyFormatException($"the key is not {Name}", "ML-KEM parameter set");
    }

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo)
    {
        var material = BouncyCastleKeyMaterial.FromSubjectPublicKeyInfo<MLKemPublicKeyParameters>(subjectPublicKeyInfo);
        return ((MLKemPublicKeyParameters)material.PublicKey).Parameters == Parameters
            ? material
            : throw new KeyFormatException($"the key is not {Name}", "ML-KEM parameter set");
    }

    internal override bool IsCompatible(KeyMaterial material) =>
        material is BouncyCastleKeyMaterial { PublicKey: MLKemPublicKeyParameters };

    internal void Encapsulate(MLKemPublicKeyParameters publicKey, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        var encapsulator = new MLKemEncapsulator(Parameters);
        encapsulator.Init(new ParametersWithRandom(publicKey, BouncyCastleKeyMaterial.Random));
        encapsulator.Encapsulate(ciphertext, sharedSecret);
    }

    internal void Decapsulate(MLKemPrivateKeyParameters privateKey, ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        var decapsulator = new MLKemDecapsulator(Parameters);
        decapsulator.Init(privateKey);
        decapsulator.Decapsulate(ciphertext, sharedSecret);
    }

    private protected override void EncapsulateCore(KeyMaterial publicKey, Span<byte> ciphertext, Span<byte> sharedSecret) =>
        Encapsulate((MLKemPublicKeyParameters)((BouncyCastleKeyMaterial)publicKey).PublicKey, ciphertext, sharedSecret);

    private protected override void DecapsulateCore(KeyMaterial key, ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret) =>
        Decapsulate((MLKemPrivateKeyParameters)((BouncyCastleKeyMaterial)key).PrivateKey, ciphertext, sharedSecret);
}
