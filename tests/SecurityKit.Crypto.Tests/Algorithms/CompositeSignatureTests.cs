using System.Security.Cryptography;

namespace SecurityKit.Crypto.Tests.Algorithms;

/// <summary>Composite ML-DSA as in draft-ietf-lamps-pq-composite-sigs-19.</summary>
public sealed class CompositeSignatureTests
{
    private static readonly byte[] Message = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Fact]
    public void The_message_representative_is_prefix_label_context_length_and_SHA512_of_the_message()
    {
        // Draft §4.2 and its message-representative example: M = 00..09, empty context.
        var expected = Convert.FromHexString(
            "436F6D706F73697465416C676F726974686D5369676E61747572657332303235" // "CompositeAlgorithmSignatures2025"
            + "434F4D505349472D4D4C44534136352D45434453412D503235362D534841353132" // "COMPSIG-MLDSA65-ECDSA-P256-SHA512"
            + "00"
            + Convert.ToHexString(SHA512.HashData(Message)));

        Assert.Equal(expected, SignatureAlgorithm.MlDsa65EcdsaP256.MessageRepresentative(Message));
    }

    [Fact]
    public void The_traditional_half_is_an_ordinary_ECDSA_signature_over_the_message_representative()
    {
        var algorithm = SignatureAlgorithm.MlDsa65EcdsaP256;
        var key = TestKeys.For(algorithm);
        var signature = algorithm.Sign(key, Message);
        var material = (CompositeKeyMaterial)key.Material;

        var ecdsaHalf = signature.AsSpan(algorithm.MlDsa.SignatureSize);

        Assert.True(SignatureAlgorithm.EcdsaP256Sha256.TryVerify(material.TraditionalPublicKey, algorithm.MessageRepresentative(Message), ecdsaHalf));
    }

    [Fact]
    public void The_ML_DSA_half_is_made_with_the_label_as_FIPS_204_context()
    {
        var algorithm = SignatureAlgorithm.MlDsa65EcdsaP256;
        var key = TestKeys.For(algorithm);
        var signature = algorithm.Sign(key, Message);
        var material = (CompositeKeyMaterial)key.Material;
        var representative = algorithm.MessageRepresentative(Message);
        var mlDsaHalf = signature.AsSpan(0, algorithm.MlDsa.SignatureSize);

        Assert.True(algorithm.MlDsa.VerifyWithContext(material.PostQuantum, representative, "COMPSIG-MLDSA65-ECDSA-P256-SHA512"u8, mlDsaHalf));
        Assert.False(algorithm.MlDsa.VerifyWithContext(material.PostQuantum, representative, default, mlDsaHalf));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(3320)]
    public void Breaking_either_component_signature_breaks_the_composite(int offset)
    {
        var algorithm = SignatureAlgorithm.MlDsa65EcdsaP256;
        var key = TestKeys.For(algorithm);
        var signature = algorithm.Sign(key, Message);
        signature[Math.Min(offset, signature.Length - 1)] ^= 0x80;

        Assert.False(algorithm.TryVerify(key.PublicKey, Message, signature));
    }

    [Fact]
    public void Each_composite_has_its_own_label_in_the_message_representative() =>
        Assert.NotEqual(SignatureAlgorithm.MlDsa65EcdsaP256.MessageRepresentative(Message), SignatureAlgorithm.MlDsa87EcdsaP384.MessageRepresentative(Message));

    [Fact]
    public void The_composite_public_key_is_the_ML_DSA_key_followed_by_the_uncompressed_point()
    {
        var key = TestKeys.For(SignatureAlgorithm.MlDsa65EcdsaP256);
        var raw = KeyEncoding.ReadSubjectPublicKey(key.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer));

        Assert.Equal(1952 + 65, raw.Length);
        Assert.Equal(0x04, raw[1952]);
    }

    [Fact]
    public void The_composite_private_key_is_the_ML_DSA_seed_followed_by_the_ECPrivateKey()
    {
        var key = TestKeys.For(SignatureAlgorithm.MlDsa65EcdsaP256);
        var pkcs8 = key.Export(KeyBlobFormat.Pkcs8Der);
        var octets = KeyEncoding.ReadPrivateKeyOctets(pkcs8);

        using var ec = ECDsa.Create();
        ec.ImportECPrivateKey(octets.AsSpan(32), out var read);

        Assert.Equal(octets.Length - 32, read);
        Assert.Equal(("1.3.6.1.5.5.7.6.45", (string?)null), KeyEncoding.PrivateKeyAlgorithm(pkcs8));
    }
}
