using System.Text;

namespace SecurityKit.Crypto.Tests.Algorithms;

public sealed class SignatureAlgorithmTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("Décision du collège communal n° 2026/117");

    public static TheoryData<string> All => TestKeys.SignatureAlgorithms();

    public static TheoryData<string> Fast => TestKeys.SignatureAlgorithms(includeSlow: false);

    [Theory]
    [MemberData(nameof(All))]
    public void A_signature_verifies_with_the_public_key(string name)
    {
        var algorithm = SignatureAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);

        var signature = algorithm.Sign(key, Message);

        Assert.True(algorithm.TryVerify(key.PublicKey, Message, signature));
    }

    [Theory]
    [MemberData(nameof(Fast))]
    public void A_signature_does_not_verify_for_another_message(string name)
    {
        var algorithm = SignatureAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);
        var signature = algorithm.Sign(key, Message);

        Assert.False(algorithm.TryVerify(key.PublicKey, [.. Message, 0x00], signature));
    }

    [Theory]
    [MemberData(nameof(Fast))]
    public void A_signature_with_one_flipped_bit_does_not_verify(string name)
    {
        var algorithm = SignatureAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);
        var signature = algorithm.Sign(key, Message);
        signature[signature.Length / 2] ^= 0x01;

        Assert.False(algorithm.TryVerify(key.PublicKey, Message, signature));
        Assert.Throws<SignatureVerificationException>(() => algorithm.Verify(key.PublicKey, Message, signature));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Signatures_and_public_keys_have_the_advertised_sizes(string name)
    {
        var algorithm = SignatureAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);

        var signature = algorithm.Sign(key, Message);

        Assert.InRange(signature.Length, 1, algorithm.SignatureSize);
        if (algorithm is not (EcdsaSignatureAlgorithm or RsaSignatureAlgorithm or CompositeMlDsaSignatureAlgorithm { Traditional: EcdsaSignatureAlgorithm }))
        {
            Assert.Equal(algorithm.SignatureSize, signature.Length);
        }
    }

    [Fact]
    public void A_key_used_with_another_algorithm_fails_at_once()
    {
        var key = TestKeys.For(SignatureAlgorithm.Rsa3072Pss);

        var error = Assert.Throws<KeyAlgorithmMismatchException>(() => SignatureAlgorithm.Rsa3072Pkcs1.Sign(key, Message));

        Assert.Equal("RSA-3072-PSS-SHA256", error.Actual);
    }

    [Fact]
    public void A_public_key_used_with_another_algorithm_fails_at_once()
    {
        var key = TestKeys.For(SignatureAlgorithm.MlDsa65);

        Assert.Throws<KeyAlgorithmMismatchException>(() => SignatureAlgorithm.MlDsa44.TryVerify(key.PublicKey, Message, new byte[2420]));
    }

    [Fact]
    public void A_disposed_key_cannot_sign()
    {
        var key = Key.Create(SignatureAlgorithm.EcdsaP256Sha256);
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => SignatureAlgorithm.EcdsaP256Sha256.Sign(key, Message));
    }

    [Fact]
    public void A_too_small_signature_buffer_is_refused()
    {
        var key = TestKeys.For(SignatureAlgorithm.Ed25519);

        Assert.Throws<ArgumentException>(() => SignatureAlgorithm.Ed25519.Sign(key, Message, new byte[63]));
    }

    [Theory]
    [InlineData("ML-DSA-65", "2.16.840.1.101.3.4.3.18", 3, 1952, 3309)]
    [InlineData("ML-DSA-44", "2.16.840.1.101.3.4.3.17", 2, 1312, 2420)]
    [InlineData("ML-DSA-87", "2.16.840.1.101.3.4.3.19", 5, 2592, 4627)]
    [InlineData("SLH-DSA-SHA2-128s", "2.16.840.1.101.3.4.3.20", 1, 32, 7856)]
    [InlineData("SLH-DSA-SHAKE-128f", "2.16.840.1.101.3.4.3.27", 1, 32, 17088)]
    [InlineData("Ed25519", "1.3.101.112", 0, 32, 64)]
    [InlineData("ECDSA-P256-SHA256", "1.2.840.10045.4.3.2", 0, 65, 72)]
    [InlineData("RSA-3072-PSS-SHA256", "1.2.840.113549.1.1.10", 0, 384, 384)]
    [InlineData("ML-DSA-65+ECDSA-P256-SHA512", "1.3.6.1.5.5.7.6.45", 3, 2017, 3381)]
    public void Algorithms_carry_the_identifiers_and_sizes_of_their_standard(string name, string oid, int level, int publicKeySize, int signatureSize)
    {
        var algorithm = SignatureAlgorithm.FromName(name);

        Assert.Equal((name, oid, level, publicKeySize, signatureSize), (algorithm.Name, algorithm.Oid, algorithm.NistSecurityLevel, algorithm.PublicKeySize, algorithm.SignatureSize));
        Assert.Equal(level == 0, algorithm.IsQuantumVulnerable);
    }

    [Theory]
    [InlineData("mldsa65", "ML-DSA-65")]
    [InlineData("RSA-3072-PSS", "RSA-3072-PSS-SHA256")]
    [InlineData("ML-DSA-65+ECDSA-P256", "ML-DSA-65+ECDSA-P256-SHA512")]
    [InlineData("2.16.840.1.101.3.4.3.19", "ML-DSA-87")]
    public void Algorithms_are_found_by_short_name_or_oid(string query, string expected) =>
        Assert.Equal(expected, SignatureAlgorithm.FromName(query).Name);

    [Fact]
    public void An_unknown_algorithm_name_is_a_specific_error()
    {
        var error = Assert.Throws<UnsupportedAlgorithmException>(() => SignatureAlgorithm.FromName("GOST-R-34.10"));

        Assert.Equal("GOST-R-34.10", error.Algorithm);
    }

    [Fact]
    public void A_KEM_name_is_not_a_signature_algorithm() =>
        Assert.Throws<UnsupportedAlgorithmException>(() => SignatureAlgorithm.FromName("ML-KEM-768"));

    [FsCheck.Xunit.Property(MaxTest = 30)]
    public bool Ed25519_signatures_of_any_message_verify(byte[] message)
    {
        var key = TestKeys.For(SignatureAlgorithm.Ed25519);
        return SignatureAlgorithm.Ed25519.TryVerify(key.PublicKey, message, SignatureAlgorithm.Ed25519.Sign(key, message));
    }

    [FsCheck.Xunit.Property(MaxTest = 30)]
    public bool Ecdsa_signatures_of_any_message_verify(byte[] message)
    {
        var key = TestKeys.For(SignatureAlgorithm.EcdsaP256Sha256);
        return SignatureAlgorithm.EcdsaP256Sha256.TryVerify(key.PublicKey, message, SignatureAlgorithm.EcdsaP256Sha256.Sign(key, message));
    }
}
