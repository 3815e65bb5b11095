using System.Security.Cryptography;
using System.Text;

namespace SecurityKit.Crypto.Tests.Keys;

public sealed class KeyImportExportTests
{
    private static readonly byte[] Message = "bytes to sign"u8.ToArray();

    public static TheoryData<string> Signatures => TestKeys.SignatureAlgorithms(includeSlow: false);

    public static TheoryData<string> Kems => TestKeys.KemAlgorithms();

    [Theory]
    [MemberData(nameof(Signatures))]
    public void A_private_key_survives_a_PKCS8_PEM_round_trip(string name)
    {
        var algorithm = SignatureAlgorithm.FromName(name);
        var pem = TestKeys.For(algorithm).Export(KeyBlobFormat.Pkcs8Pem);

        using var imported = Key.Import(algorithm, pem, KeyBlobFormat.Pkcs8Pem);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Encoding.ASCII.GetString(pem), StringComparison.Ordinal);
        Assert.True(algorithm.TryVerify(TestKeys.For(algorithm).PublicKey, Message, algorithm.Sign(imported, Message)));
    }

    [Theory]
    [MemberData(nameof(Signatures))]
    public void A_public_key_survives_a_SubjectPublicKeyInfo_round_trip(string name)
    {
        var algorithm = SignatureAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);
        var der = key.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer);

        using var imported = PublicKey.Import(algorithm, der, KeyBlobFormat.SubjectPublicKeyInfoDer);

        Assert.True(algorithm.TryVerify(imported, Message, algorithm.Sign(key, Message)));
        Assert.Equal(algorithm.KeyAlgorithmOid, KeyEncoding.PublicKeyAlgorithm(der).Oid);
    }

    [Theory]
    [MemberData(nameof(Kems))]
    public void A_KEM_key_survives_a_PKCS8_round_trip(string name)
    {
        var algorithm = KeyEncapsulationAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);
        var (ciphertext, secret) = algorithm.Encapsulate(key.PublicKey);

        using var imported = Key.Import(algorithm, key.Export(KeyBlobFormat.Pkcs8Der), KeyBlobFormat.Pkcs8Der);

        Assert.Equal(secret, algorithm.Decapsulate(imported, ciphertext));
    }

    [Fact]
    public void A_key_is_not_exportable_unless_created_so()
    {
        using var key = Key.Create(SignatureAlgorithm.MlDsa44);

        Assert.Throws<KeyNotExportableException>(() => key.Export(KeyBlobFormat.Pkcs8Der));
        Assert.NotEmpty(key.Export(KeyBlobFormat.SubjectPublicKeyInfoPem));
    }

    [Fact]
    public void An_encrypted_export_only_policy_refuses_plaintext_export()
    {
        using var key = Key.Create(SignatureAlgorithm.EcdsaP256Sha256, KeyExportPolicies.AllowEncryptedExport);

        Assert.Throws<KeyNotExportableException>(() => key.Export(KeyBlobFormat.Pkcs8Pem));
    }

    [Fact]
    public void An_encrypted_PKCS8_key_imports_with_its_password()
    {
        using var key = Key.Create(SignatureAlgorithm.MlDsa65, KeyExportPolicies.AllowEncryptedExport);
        var pem = key.Export(KeyBlobFormat.EncryptedPkcs8Pem, "correct horse");

        using var imported = Key.Import(SignatureAlgorithm.MlDsa65, pem, KeyBlobFormat.EncryptedPkcs8Pem, password: "correct horse");

        Assert.True(SignatureAlgorithm.MlDsa65.TryVerify(key.PublicKey, Message, SignatureAlgorithm.MlDsa65.Sign(imported, Message)));
    }

    [Fact]
    public void A_wrong_password_is_a_specific_error()
    {
        using var key = Key.Create(SignatureAlgorithm.EcdsaP256Sha256, KeyExportPolicies.AllowEncryptedExport);
        var der = key.Export(KeyBlobFormat.EncryptedPkcs8Der, "right");

        Assert.Throws<WrongPasswordException>(() => Key.Import(SignatureAlgorithm.EcdsaP256Sha256, der, KeyBlobFormat.EncryptedPkcs8Der, password: "wrong"));
    }

    [Fact]
    public void A_malformed_encrypted_key_is_reported_as_malformed_not_as_a_wrong_password() =>
        Assert.Throws<KeyFormatException>(() => Key.Import(SignatureAlgorithm.EcdsaP256Sha256, new byte[] { 0x30, 0x03, 0x02, 0x01 }, KeyBlobFormat.EncryptedPkcs8Der, password: "x"));

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x30, 0x80 })]
    [InlineData(new byte[] { 0x04, 0x02, 0x00, 0x00 })]
    public void Malformed_DER_is_a_key_format_error(byte[] blob) =>
        Assert.Throws<KeyFormatException>(() => Key.Import(SignatureAlgorithm.MlDsa65, blob, KeyBlobFormat.Pkcs8Der));

    [Fact]
    public void A_truncated_ML_DSA_key_is_a_key_format_error()
    {
        var der = TestKeys.For(SignatureAlgorithm.MlDsa65).Export(KeyBlobFormat.Pkcs8Der);

        Assert.Throws<KeyFormatException>(() => Key.Import(SignatureAlgorithm.MlDsa65, der.AsSpan(0, der.Length - 7), KeyBlobFormat.Pkcs8Der));
    }

    [Fact]
    public void A_key_of_another_algorithm_is_refused_with_its_name()
    {
        var der = TestKeys.For(SignatureAlgorithm.MlDsa44).Export(KeyBlobFormat.Pkcs8Der);

        var error = Assert.Throws<KeyFormatException>(() => Key.Import(SignatureAlgorithm.MlDsa65, der, KeyBlobFormat.Pkcs8Der));

        Assert.Contains("ML-DSA-44", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_RSA_key_of_another_size_is_refused()
    {
        using var rsa = RSA.Create(2048);

        Assert.Throws<KeyFormatException>(() => Key.Import(SignatureAlgorithm.Rsa3072Pss, rsa.ExportPkcs8PrivateKey(), KeyBlobFormat.Pkcs8Der));
    }

    [Fact]
    public void An_EC_key_on_another_curve_is_refused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<KeyFormatException>(() => Key.Import(SignatureAlgorithm.EcdsaP256Sha256, ec.ExportPkcs8PrivateKey(), KeyBlobFormat.Pkcs8Der));
    }

    [Fact]
    public void A_key_of_an_unsupported_algorithm_is_a_specific_error()
    {
        using var dsa = DSA.Create(2048);

        var error = Assert.Throws<UnsupportedAlgorithmException>(() => Key.Import(SignatureAlgorithm.Rsa2048Pss, dsa.ExportPkcs8PrivateKey(), KeyBlobFormat.Pkcs8Der));

        Assert.Equal("1.2.840.10040.4.1", error.Algorithm);
    }

    [Fact]
    public void A_PEM_with_the_wrong_label_is_refused()
    {
        var pem = TestKeys.For(SignatureAlgorithm.Ed25519).PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoPem);

        var error = Assert.Throws<KeyFormatException>(() => Key.Import(SignatureAlgorithm.Ed25519, pem, KeyBlobFormat.Pkcs8Pem));

        Assert.Contains("PUBLIC KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposing_a_key_disposes_its_public_key()
    {
        var key = Key.Create(SignatureAlgorithm.Ed25519);
        var publicKey = key.PublicKey;
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => publicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer));
    }
}
