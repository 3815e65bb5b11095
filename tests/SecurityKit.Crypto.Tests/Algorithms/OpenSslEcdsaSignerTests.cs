using System.Security.Cryptography;

namespace SecurityKit.Crypto.Tests.Algorithms;

/// <summary>
/// ECDSA signing goes through a prepared OpenSSL context per key (<see cref="OpenSslEcdsaSigner"/>) where .NET runs
/// on OpenSSL 3; these tests make sure that path is really taken here and that its signatures are the ones .NET and
/// OpenSSL accept, also under concurrent use of one key.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OpenSslEcdsaSignerTests
{
    public static TheoryData<string> Curves => new() { "ECDSA-P256-SHA256", "ECDSA-P384-SHA384", "ECDSA-P521-SHA512" };

    [Fact]
    public void The_prepared_context_path_is_used_on_this_machine()
    {
        using var key = Key.Create(SignatureAlgorithm.EcdsaP256Sha256);

        SignatureAlgorithm.EcdsaP256Sha256.Sign(key, [1]);

        Assert.IsType<ECDsaOpenSsl>(((PlatformKeyMaterial<ECDsa>)key.Material).Key);
        Assert.NotNull(((PlatformKeyMaterial<ECDsa>)key.Material).Accelerator<OpenSslEcdsaSigner>(_ => null));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void A_signature_from_the_prepared_context_verifies_with_dotnet_on_the_same_key(string name)
    {
        var algorithm = (EcdsaSignatureAlgorithm)SignatureAlgorithm.FromName(name);
        using var key = Key.Create(algorithm, KeyExportPolicies.AllowPlaintextExport);
        using var dotnet = ECDsa.Create();
        dotnet.ImportPkcs8PrivateKey(key.Export(KeyBlobFormat.Pkcs8Der), out _);
        byte[] message = [.. "Arrêté royal du 17 mai 2026"u8];

        var signature = algorithm.Sign(key, message);

        Assert.True(((PlatformKeyMaterial<ECDsa>)key.Material).Accelerator<OpenSslEcdsaSigner>(_ => null) is not null);
        Assert.True(dotnet.VerifyData(message, signature, algorithm.Hash, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void One_key_signs_correctly_from_many_threads_at_once()
    {
        var algorithm = SignatureAlgorithm.EcdsaP256Sha256;
        using var key = Key.Create(algorithm);
        var results = new bool[64];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            byte[] message = BitConverter.GetBytes(i);
            results[i] = algorithm.TryVerify(key.PublicKey, message, algorithm.Sign(key, message));
        });

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void A_disposed_signer_refuses_to_sign()
    {
        using var ecdsa = new ECDsaOpenSsl(ECCurve.NamedCurves.nistP256);
        var signer = OpenSslEcdsaSigner.TryCreate(ecdsa)!;
        signer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => signer.SignHash(new byte[32], new byte[72]));
    }
}
