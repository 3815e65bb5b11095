namespace SecurityKit.Crypto.Tests.Algorithms;

public sealed class KeyEncapsulationTests
{
    public static TheoryData<string> All => TestKeys.KemAlgorithms();

    [Theory]
    [MemberData(nameof(All))]
    public void Decapsulation_recovers_the_encapsulated_secret(string name)
    {
        var algorithm = KeyEncapsulationAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);

        var (ciphertext, secret) = algorithm.Encapsulate(key.PublicKey);

        Assert.Equal(algorithm.CiphertextSize, ciphertext.Length);
        Assert.Equal(secret, algorithm.Decapsulate(key, ciphertext));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Two_encapsulations_give_different_secrets(string name)
    {
        var algorithm = KeyEncapsulationAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);

        Assert.NotEqual(algorithm.Encapsulate(key.PublicKey).SharedSecret, algorithm.Encapsulate(key.PublicKey).SharedSecret);
    }

    [Theory]
    [InlineData("ML-KEM-768")]
    [InlineData("X25519-ML-KEM-768")]
    public void A_modified_ciphertext_gives_another_secret(string name)
    {
        // ML-KEM's implicit rejection (FIPS 203 §6.3): no error, an unrelated secret.
        var algorithm = KeyEncapsulationAlgorithm.FromName(name);
        var key = TestKeys.For(algorithm);
        var (ciphertext, secret) = algorithm.Encapsulate(key.PublicKey);
        ciphertext[5] ^= 0x01;

        Assert.NotEqual(secret, algorithm.Decapsulate(key, ciphertext));
    }

    [Fact]
    public void A_ciphertext_of_the_wrong_length_is_refused()
    {
        var key = TestKeys.For(KeyEncapsulationAlgorithm.MlKem512);

        var error = Assert.Throws<SecurityKitException>(() => KeyEncapsulationAlgorithm.MlKem512.Decapsulate(key, new byte[767]));

        Assert.Equal("ciphertext", error.Location);
    }

    [Fact]
    public void A_low_order_X25519_point_is_refused()
    {
        var key = TestKeys.For(KeyEncapsulationAlgorithm.X25519);

        // The all-zero point gives the all-zero shared secret (RFC 7748 §6.1, RFC 9180 §7.1.4).
        Assert.Throws<SecurityKitException>(() => KeyEncapsulationAlgorithm.X25519.Decapsulate(key, new byte[32]));
    }

    [Fact]
    public void X_Wing_has_the_draft_sizes()
    {
        var algorithm = KeyEncapsulationAlgorithm.X25519MlKem768;

        Assert.Equal((1216, 1120, 3), (algorithm.PublicKeySize, algorithm.CiphertextSize, algorithm.NistSecurityLevel));
        Assert.Equal(1216, KeyEncoding.ReadSubjectPublicKey(TestKeys.For(algorithm).PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer)).Length);
    }

    [Fact]
    public void A_signature_key_cannot_decapsulate()
    {
        var key = TestKeys.For(SignatureAlgorithm.Ed25519);

        Assert.Throws<KeyAlgorithmMismatchException>(() => KeyEncapsulationAlgorithm.X25519.Decapsulate(key, new byte[32]));
    }
}
