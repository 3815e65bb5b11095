using System.Security.Cryptography;

namespace SecurityKit.Crypto.Tests.Algorithms;

/// <summary>
/// ML-DSA runs on the platform's <see cref="MLDsa"/> where it reports support (OpenSSL 3.5+) and on BouncyCastle
/// elsewhere. This machine's OpenSSL 3.0 has no ML-DSA, so the platform path cannot run here; these tests pin the
/// selection rule instead of faking support: the platform is chosen exactly when it is supported, the BouncyCastle
/// path can be forced and interoperates with the default instance, and forcing the platform where it is missing fails
/// at once with a clear error.
/// </summary>
#pragma warning disable SYSLIB5006 // MLDsa is experimental on .NET 10
public sealed class MlDsaBackendSelectionTests
{
    [Fact]
    public void The_platform_path_is_chosen_exactly_when_the_platform_supports_ML_DSA()
    {
        foreach (var algorithm in new[] { SignatureAlgorithm.MlDsa44, SignatureAlgorithm.MlDsa65, SignatureAlgorithm.MlDsa87 })
        {
            Assert.Equal(MLDsa.IsSupported, algorithm.UsesPlatform);
            using var key = Key.Create(algorithm);
            Assert.Equal(MLDsa.IsSupported, key.Material is PlatformKeyMaterial<MLDsa>);
            Assert.Equal(!MLDsa.IsSupported, key.Material is BouncyCastleKeyMaterial);
        }
    }

    [Fact]
    public void A_forced_BouncyCastle_instance_makes_BouncyCastle_keys()
    {
        var bouncyCastle = new MlDsaSignatureAlgorithm(MlDsaSignatureAlgorithm.ParameterSet.MlDsa65, usePlatform: false);

        using var key = Key.Create(bouncyCastle);

        Assert.False(bouncyCastle.UsesPlatform);
        Assert.IsType<BouncyCastleKeyMaterial>(key.Material);
    }

    [Fact]
    public void Keys_and_signatures_move_between_the_forced_BouncyCastle_instance_and_the_default_one()
    {
        var bouncyCastle = new MlDsaSignatureAlgorithm(MlDsaSignatureAlgorithm.ParameterSet.MlDsa65, usePlatform: false);
        var standard = SignatureAlgorithm.MlDsa65;
        using var bcKey = Key.Create(bouncyCastle, KeyExportPolicies.AllowPlaintextExport);
        using var standardKey = Key.Import(standard, bcKey.Export(KeyBlobFormat.Pkcs8Der), KeyBlobFormat.Pkcs8Der);
        byte[] message = [0x4d, 0x4c];

        var fromBouncyCastle = bouncyCastle.Sign(bcKey, message);
        var fromStandard = standard.Sign(standardKey, message);

        Assert.True(standard.TryVerify(standardKey.PublicKey, message, fromBouncyCastle));
        Assert.True(bouncyCastle.TryVerify(bcKey.PublicKey, message, fromStandard));
        Assert.Equal(bcKey.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer), standardKey.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer));
    }

    [Fact]
    public void Forcing_the_platform_path_works_only_where_the_platform_supports_ML_DSA()
    {
        if (MLDsa.IsSupported)
        {
            var platform = new MlDsaSignatureAlgorithm(MlDsaSignatureAlgorithm.ParameterSet.MlDsa44, usePlatform: true);
            using var key = Key.Create(platform);
            Assert.IsType<PlatformKeyMaterial<MLDsa>>(key.Material);
            Assert.True(platform.TryVerify(key.PublicKey, [1], platform.Sign(key, [1])));
        }
        else
        {
            var error = Assert.Throws<PlatformNotSupportedException>(() =>
                new MlDsaSignatureAlgorithm(MlDsaSignatureAlgorithm.ParameterSet.MlDsa44, usePlatform: true));
            Assert.Contains("MLDsa.IsSupported", error.Message, StringComparison.Ordinal);
        }
    }
}
