using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace SecurityKit.Crypto;

/// <summary>
/// ML-DSA (FIPS 204), pure mode with an empty context string by default (FIPS 204 §5.2, Algorithm 2).
/// The platform's <see cref="MLDsa"/> is used when <see cref="MLDsa.IsSupported"/> reports true (OpenSSL 3.5+);
/// otherwise BouncyCastle. Keys are encoded as in RFC 9881 (ML-DSA in X.509) as BouncyCastle implements it.
/// </summary>
#pragma warning disable SYSLIB5006 // the platform ML-DSA API is experimental on .NET 10
public sealed class MlDsaSignatureAlgorithm : SignatureAlgorithm
{
    private readonly MLDsaParameters _parameters;
    private readonly MLDsaAlgorithm _platformAlgorithm;

    internal MlDsaSignatureAlgorithm(ParameterSet set)
        : this(set, usePlatform: MLDsa.IsSupported)
    {
    }

    /// <summary>
    /// Makes an instance with a chosen backend; tests use it to run the BouncyCastle path on purpose. The platform
    /// path cannot be forced where the platform lacks ML-DSA: that would only move the failure to the first use.
    /// </summary>
    internal MlDsaSignatureAlgorithm(ParameterSet set, bool usePlatform)
        : base(
            set switch { ParameterSet.MlDsa44 => "ML-DSA-44", ParameterSet.MlDsa65 => "ML-DSA-65", _ => "ML-DSA-87" },
            OidOf(set),
            OidOf(set),
            nistSecurityLevel: set switch { ParameterSet.MlDsa44 => 2, ParameterSet.MlDsa65 => 3, _ => 5 },
            classicalSecurityBits: set switch { ParameterSet.MlDsa44 => 128, ParameterSet.MlDsa65 => 192, _ => 256 },
            publicKeySize: set switch { ParameterSet.MlDsa44 => 1312, ParameterSet.MlDsa65 => 1952, _ => 2592 },
            signatureSize: set switch { ParameterSet.MlDsa44 => 2420, ParameterSet.MlDsa65 => 3309, _ => 4627 },
            standard: "FIPS 204")
    {
        _parameters = set switch { ParameterSet.MlDsa44 => MLDsaParameters.ml_dsa_44, ParameterSet.MlDsa65 => MLDsaParameters.ml_dsa_65, _ => MLDsaParameters.ml_dsa_87 };
        _platformAlgorithm = set switch { ParameterSet.MlDsa44 => MLDsaAlgorithm.MLDsa44, ParameterSet.MlDsa65 => MLDsaAlgorithm.MLDsa65, _ => MLDsaAlgorithm.MLDsa87 };
        if (usePlatform && !MLDsa.IsSupported)
        {
            throw new PlatformNotSupportedException("the platform reports no ML-DSA support (MLDsa.IsSupported is false; OpenSSL 3.5 or later is needed)");
        }

        UsesPlatform = usePlatform;
    }

    internal enum ParameterSet
    {
        MlDsa44,
        MlDsa65,
        MlDsa87,
    }

    /// <summary>
    /// Whether new keys of this algorithm are the platform's ML-DSA keys (chosen when <see cref="MLDsa.IsSupported"/>
    /// is true, i.e. OpenSSL 3.5+) rather than BouncyCastle keys. Both kinds sign and verify alike.
    /// </summary>
    public bool UsesPlatform { get; }

    internal override KeyMaterial GenerateKeyMaterial()
    {
        if (UsesPlatform)
        {
            return new PlatformKeyMaterial<MLDsa>(MLDsa.GenerateKey(_platformAlgorithm), hasPrivateKey: true);
        }

        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(BouncyCastleKeyMaterial.Random, _parameters));
        var pair = generator.GenerateKeyPair();
        return new BouncyCastleKeyMaterial(pair.Private, pair.Public);
    }

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8)
    {
        if (UsesPlatform)
        {
            try
            {
                return new PlatformKeyMaterial<MLDsa>(MLDsa.ImportPkcs8PrivateKey(pkcs8), hasPrivateKey: true);
            }
            catch (CryptographicException exception)
            {
                throw new KeyFormatException("malformed ML-DSA private key", "PKCS#8 privateKey", exception);
            }
        }

        var material = BouncyCastleKeyMaterial.FromPkcs8<MLDsaPrivateKeyParameters>(pkcs8, k => k.GetPublicKey());
        return CheckParameters(material, ((MLDsaPrivateKeyParameters)material.PrivateKey).Parameters);
    }

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo)
    {
        if (UsesPlatform)
        {
            try
            {
                return new PlatformKeyMaterial<MLDsa>(MLDsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo), hasPrivateKey: false);
            }
            catch (CryptographicException exception)
            {
                throw new KeyFormatException("malformed ML-DSA public key", "SubjectPublicKeyInfo", exception);
            }
        }

        var material = BouncyCastleKeyMaterial.FromSubjectPublicKeyInfo<MLDsaPublicKeyParameters>(subjectPublicKeyInfo);
        return CheckParameters(material, ((MLDsaPublicKeyParameters)material.PublicKey).Parameters);
    }

    internal override bool IsCompatible(KeyMaterial material) =>
        material is PlatformKeyMaterial<MLDsa> or BouncyCastleKeyMaterial { PublicKey: MLDsaPublicKeyParameters };

    /// <summary>The 32-byte seed ξ of FIPS 204 Algorithm 1, from which the key pair is derived.</summary>
    internal byte[] ExportSeed(KeyMaterial key) => key switch
    {
        PlatformKeyMaterial<MLDsa> platform => platform.Key.ExportMLDsaPrivateSeed(),
        BouncyCastleKeyMaterial bc => ((MLDsaPrivateKeyParameters)bc.PrivateKey).GetSeed()
            ?? throw new KeyNotExportableException(Name + " (key has no seed)"),
        _ => throw new InvalidOperationException(),
    };

    internal KeyMaterial FromSeed(byte[] seed)
    {
        if (seed.Length != 32)
        {
            throw new KeyFormatException($"the {Name} seed has {seed.Length} bytes, not 32", "ML-DSA seed");
        }

        if (UsesPlatform)
        {
            return new PlatformKeyMaterial<MLDsa>(MLDsa.ImportMLDsaPrivateSeed(_platformAlgorithm, seed), hasPrivateKey: true);
        }

        var privateKey = MLDsaPrivateKeyParameters.FromSeed(_parameters, seed);
        return new BouncyCastleKeyMaterial(privateKey, privateKey.GetPublicKey());
    }

    internal static byte[] ExportRawPublicKey(KeyMaterial key) => key switch
    {
        PlatformKeyMaterial<MLDsa> platform => platform.Key.ExportMLDsaPublicKey(),
        BouncyCastleKeyMaterial bc => ((MLDsaPublicKeyParameters)bc.PublicKey).GetEncoded(),
        _ => throw new InvalidOperationException(),
    };

    internal KeyMaterial FromRawPublicKey(byte[] raw)
    {
        if (raw.Length != PublicKeySize)
        {
            throw new KeyFormatException($"the {Name} public key has {raw.Length} bytes, not {PublicKeySize}", "ML-DSA public key");
        }

        return UsesPlatform
            ? new PlatformKeyMaterial<MLDsa>(MLDsa.ImportMLDsaPublicKey(_platformAlgorithm, raw), hasPrivateKey: false)
            : new BouncyCastleKeyMaterial(null, MLDsaPublicKeyParameters.FromEncoding(_parameters, raw));
    }

    /// <summary>FIPS 204 ML-DSA.Sign with a context string (at most 255 bytes, §5.2).</summary>
    internal int SignWithContext(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> context, Span<byte> signature)
    {
        if (key is PlatformKeyMaterial<MLDsa> platform)
        {
            platform.Key.SignData(data, signature[..SignatureSize], context);
            return SignatureSize;
        }

        var signer = new MLDsaSigner(_parameters, deterministic: false);
        ICipherParameters parameters = ((BouncyCastleKeyMaterial)key).PrivateKey;
        signer.Init(true, context.IsEmpty ? parameters : new ParametersWithContext(parameters, context.ToArray()));
        signer.BlockUpdate(data);
        var result = signer.GenerateSignature();
        result.CopyTo(signature);
        return result.Length;
    }

    internal bool VerifyWithContext(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> context, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSize)
        {
            return false;
        }

        if (key is PlatformKeyMaterial<MLDsa> platform)
        {
            return platform.Key.VerifyData(data, signature, context);
        }

        var verifier = new MLDsaSigner(_parameters, deterministic: false);
        ICipherParameters parameters = ((BouncyCastleKeyMaterial)key).PublicKey;
        verifier.Init(false, context.IsEmpty ? parameters : new ParametersWithContext(parameters, context.ToArray()));
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }

    private protected override int SignCore(KeyMaterial key, ReadOnlySpan<byte> data, Span<byte> signature) =>
        SignWithContext(key, data, default, signature);

    private protected override bool VerifyCore(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        VerifyWithContext(key, data, default, signature);

    private static string OidOf(ParameterSet set) => set switch
    {
        ParameterSet.MlDsa44 => "2.16.840.1.101.3.4.3.17",
        ParameterSet.MlDsa65 => "2.16.840.1.101.3.4.3.18",
        _ => "2.16.840.1.101.3.4.3.19",
    };

    private BouncyCastleKeyMaterial CheckParameters(BouncyCastleKeyMaterial material, MLDsaParameters found) =>
        found == _parameters
            ? material
            : throw new KeyFormatException($"the key is {found.Name}, not {Name}", "ML-DSA parameter set");
}
#pragma warning restore SYSLIB5006
