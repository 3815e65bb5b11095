using System.Text.Json;

namespace SecurityKit.Crypto.Tests.Algorithms;

/// <summary>
/// The published test vectors of the draft's repository (lamps-wg/draft-composite-sigs, src/testvectors.json, the same
/// file from tag -14 to -19), for the four composites SecurityKit implements. Source, commit and licence (IETF Trust
/// Legal Provisions: Code Components under the Revised BSD License) are recorded in the data file itself. The
/// vectors were produced by the draft authors' Python reference implementation, so these tests check interoperability,
/// not only self-consistency: their signatures must verify with their public keys, their private keys must import and
/// export byte for byte, and our signatures must verify with their public keys.
/// </summary>
public sealed class CompositeTestVectorTests
{
    private static readonly Lazy<JsonDocument> Vectors = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Algorithms", "TestData", "composite-sigs-vectors.json"))));

    public static TheoryData<string, string> Cases => new()
    {
        { "id-MLDSA44-ECDSA-P256-SHA256", "ML-DSA-44+ECDSA-P256-SHA256" },
        { "id-MLDSA65-ECDSA-P256-SHA512", "ML-DSA-65+ECDSA-P256-SHA512" },
        { "id-MLDSA87-ECDSA-P384-SHA512", "ML-DSA-87+ECDSA-P384-SHA512" },
        { "id-MLDSA65-RSA3072-PSS-SHA512", "ML-DSA-65+RSA-3072-PSS-SHA512" },
    };

    private static byte[] Message => Convert.FromBase64String(Vectors.Value.RootElement.GetProperty("m").GetString()!);

    private static byte[] Context => Convert.FromBase64String(Vectors.Value.RootElement.GetProperty("ctx").GetString()!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_published_signature_verifies_with_the_published_public_key(string tcId, string name)
    {
        var algorithm = (CompositeMlDsaSignatureAlgorithm)SignatureAlgorithm.FromName(name);
        using var publicKey = PublicKeyOf(algorithm, tcId);

        Assert.True(algorithm.TryVerify(publicKey, Message, Field(tcId, "s")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_published_signature_with_an_application_context_verifies_only_with_that_context(string tcId, string name)
    {
        var algorithm = (CompositeMlDsaSignatureAlgorithm)SignatureAlgorithm.FromName(name);
        using var publicKey = PublicKeyOf(algorithm, tcId);
        var signature = Field(tcId, "sWithContext");

        Assert.True(algorithm.TryVerify(publicKey, Message, Context, signature));
        Assert.False(algorithm.TryVerify(publicKey, Message, signature));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_published_signature_does_not_verify_for_another_message(string tcId, string name)
    {
        var algorithm = (CompositeMlDsaSignatureAlgorithm)SignatureAlgorithm.FromName(name);
        using var publicKey = PublicKeyOf(algorithm, tcId);

        Assert.False(algorithm.TryVerify(publicKey, [.. Message, 0x2e], Field(tcId, "s")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_published_private_key_imports_and_exports_byte_for_byte(string tcId, string name)
    {
        var algorithm = SignatureAlgorithm.FromName(name);
        var pkcs8 = Field(tcId, "sk_pkcs8");

        using var key = Key.Import(algorithm, pkcs8, KeyBlobFormat.Pkcs8Der, KeyExportPolicies.AllowPlaintextExport);

        Assert.Equal(Convert.ToHexString(pkcs8), Convert.ToHexString(key.Export(KeyBlobFormat.Pkcs8Der)));
        Assert.Equal(Convert.ToHexString(Spki(algorithm, Field(tcId, "pk"))), Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.SubjectPublicKeyInfoDer)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Our_signature_with_the_published_private_key_verifies_with_the_published_public_key(string tcId, string name)
    {
        var algorithm = (CompositeMlDsaSignatureAlgorithm)SignatureAlgorithm.FromName(name);
        using var key = Key.Import(algorithm, Field(tcId, "sk_pkcs8"), KeyBlobFormat.Pkcs8Der);
        using var publicKey = PublicKeyOf(algorithm, tcId);

        Assert.True(algorithm.TryVerify(publicKey, Message, algorithm.Sign(key, Message)));
        Assert.True(algorithm.TryVerify(publicKey, Message, Context, algorithm.Sign(key, Message, Context)));
    }

    [Fact]
    public void The_published_signature_does_not_verify_under_the_draft_13_label()
    {
        // -13 spelled this Label COMPSIG-MLDSA65-P256-SHA512; the Label is bound into M' and into the ML-DSA context,
        // so the vectors pin the version: under the -13 Label the same signature and key fail.
        var draft13 = new CompositeMlDsaSignatureAlgorithm(
            "ML-DSA-65+ECDSA-P256-SHA512 (-13 label)", "1.3.6.1.5.5.7.6.45", "COMPSIG-MLDSA65-P256-SHA512",
            SignatureAlgorithm.MlDsa65, SignatureAlgorithm.EcdsaP256Sha256, System.Security.Cryptography.HashAlgorithmName.SHA512);
        const string tcId = "id-MLDSA65-ECDSA-P256-SHA512";
        using var publicKey = PublicKey.Import(draft13, Spki(draft13, Field(tcId, "pk")), KeyBlobFormat.SubjectPublicKeyInfoDer);

        Assert.False(draft13.TryVerify(publicKey, Message, Field(tcId, "s")));
        Assert.Equal("COMPSIG-MLDSA65-ECDSA-P256-SHA512", SignatureAlgorithm.MlDsa65EcdsaP256.Label);
    }

    private static PublicKey PublicKeyOf(SignatureAlgorithm algorithm, string tcId) =>
        PublicKey.Import(algorithm, Spki(algorithm, Field(tcId, "pk")), KeyBlobFormat.SubjectPublicKeyInfoDer);

    /// <summary>The draft's SubjectPublicKeyInfo: the composite OID with absent parameters, BIT STRING mldsaPK || tradPK.</summary>
    private static byte[] Spki(SignatureAlgorithm algorithm, byte[] raw)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(algorithm.KeyAlgorithmOid);
            }

            writer.WriteBitString(raw);
        }

        return writer.Encode();
    }

    private static byte[] Field(string tcId, string field)
    {
        foreach (var test in Vectors.Value.RootElement.GetProperty("tests").EnumerateArray())
        {
            if (test.GetProperty("tcId").GetString() == tcId)
            {
                return Convert.FromBase64String(test.GetProperty(field).GetString()!);
            }
        }

        throw new InvalidOperationException($"no vector {tcId}");
    }
}
