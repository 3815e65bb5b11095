using SecurityKit.Testing;

namespace SecurityKit.Crypto.Tests.Keys;

/// <summary>Keys and signatures checked by an independent implementation: the openssl command (OpenSSL 3).</summary>
public sealed class OpenSslInteropTests
{
    private static readonly string OpenSsl = ExternalTool.Require("openssl", "openssl");

    [Theory]
    [InlineData("Ed25519")]
    [InlineData("ECDSA-P384-SHA384")]
    [InlineData("RSA-2048-PKCS1-SHA256")]
    public async Task OpenSSL_verifies_our_signature_with_our_exported_public_key(string name)
    {
        using var folder = new TemporaryDirectory();
        var algorithm = SignatureAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);
        var message = "signed by SecurityKit"u8.ToArray();
        await File.WriteAllBytesAsync(folder.File("pub.pem"), key.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoPem));
        await File.WriteAllBytesAsync(folder.File("msg"), message);
        await File.WriteAllBytesAsync(folder.File("sig"), algorithm.Sign(key, message));
        string[] digest = algorithm is Ed25519SignatureAlgorithm ? [] : ["-digest", algorithm is EcdsaSignatureAlgorithm ? "sha384" : "sha256"];

        var result = await ExternalTool.RunAsync(OpenSsl, ["pkeyutl", "-verify", "-pubin", "-inkey", folder.File("pub.pem"), "-rawin", .. digest, "-in", folder.File("msg"), "-sigfile", folder.File("sig")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Signature Verified Successfully", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSSL_verifies_our_RSA_PSS_signature()
    {
        using var folder = new TemporaryDirectory();
        var algorithm = SignatureAlgorithm.Rsa3072Pss;
        var key = TestKeys.For(algorithm);
        await File.WriteAllBytesAsync(folder.File("pub.pem"), key.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoPem));
        await File.WriteAllBytesAsync(folder.File("msg"), "pss"u8.ToArray());
        await File.WriteAllBytesAsync(folder.File("sig"), algorithm.Sign(key, "pss"u8));

        var result = await ExternalTool.RunAsync(OpenSsl, ["dgst", "-sha256", "-verify", folder.File("pub.pem"), "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-signature", folder.File("sig"), folder.File("msg")]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("ed25519", "Ed25519")]
    [InlineData("ec -pkeyopt ec_paramgen_curve:P-256", "ECDSA-P256-SHA256")]
    public async Task We_sign_with_a_key_OpenSSL_generated_and_OpenSSL_verifies_it(string generate, string name)
    {
        using var folder = new TemporaryDirectory();
        var parts = generate.Split(' ');
        var genResult = await ExternalTool.RunAsync(OpenSsl, ["genpkey", "-algorithm", parts[0], .. parts.Skip(1), "-out", folder.File("key.pem")]);
        Assert.True(genResult.ExitCode == 0, genResult.ToString());
        await ExternalTool.RunAsync(OpenSsl, ["pkey", "-in", folder.File("key.pem"), "-pubout", "-out", folder.File("pub.pem")]);
        var algorithm = SignatureAlgorithm.FromName(name);

        using var key = Key.Import(algorithm, await File.ReadAllBytesAsync(folder.File("key.pem")), KeyBlobFormat.Pkcs8Pem);
        await File.WriteAllBytesAsync(folder.File("msg"), "hello"u8.ToArray());
        await File.WriteAllBytesAsync(folder.File("sig"), algorithm.Sign(key, "hello"u8));
        string[] digest = algorithm is Ed25519SignatureAlgorithm ? [] : ["-digest", "sha256"];
        var result = await ExternalTool.RunAsync(OpenSsl, ["pkeyutl", "-verify", "-pubin", "-inkey", folder.File("pub.pem"), "-rawin", .. digest, "-in", folder.File("msg"), "-sigfile", folder.File("sig")]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task OpenSSL_reads_our_encrypted_PKCS8_with_the_password()
    {
        using var folder = new TemporaryDirectory();
        using var key = Key.Create(SignatureAlgorithm.EcdsaP256Sha256, KeyExportPolicies.AllowEncryptedExport);
        await File.WriteAllBytesAsync(folder.File("key.pem"), key.Export(KeyBlobFormat.EncryptedPkcs8Pem, "s3cret"));

        var result = await ExternalTool.RunAsync(OpenSsl, ["pkey", "-in", folder.File("key.pem"), "-passin", "pass:s3cret", "-noout", "-text"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("NIST CURVE: P-256", result.StandardOutput, StringComparison.Ordinal);
    }
}
