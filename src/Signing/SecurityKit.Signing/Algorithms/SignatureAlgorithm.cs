using System.Formats.Asn1;

namespace SecurityKit.Signing.Algorithms;

/// <summary>
/// A CMS signature algorithm: a key family with the digest used for signed attributes, and the
/// <c>signatureAlgorithm</c> identifier written into a SignerInfo.
/// </summary>
/// <remarks>
/// | algorithm               | OID                      | parameters            | reference          |
/// |-------------------------|--------------------------|-----------------------|--------------------|
/// | sha{256,384,512}WithRSA | 1.2.840.113549.1.1.{11,12,13} | NULL             | RFC 4055 §5        |
/// | RSASSA-PSS              | 1.2.840.113549.1.1.10    | RSASSA-PSS-params     | RFC 4056 §2.2      |
/// | ecdsa-with-SHA{256,384,512} | 1.2.840.10045.4.3.{2,3,4} | absent           | RFC 5753 §7.1.3    |
/// | id-ml-dsa-{44,65,87}    | 2.16.840.1.101.3.4.3.{17,18,19} | absent         | RFC 9882 §3        |
/// ML-DSA signs the DER signed attributes directly (pure mode); the digest algorithm is SHA-512 as RFC 9882 §3.3
/// recommends for every ML-DSA parameter set.
/// </remarks>
public sealed class SignatureAlgorithm
{
    private SignatureAlgorithm(string name, SignatureKeyKind kind, DigestAlgorithm digest, string oid, byte[] encodedIdentifier)
    {
        Name = name;
        KeyKind = kind;
        Digest = digest;
        Oid = oid;
        EncodedIdentifier = encodedIdentifier;
    }

    /// <summary>RSA PKCS#1 v1.5 with SHA-256.</summary>
    public static SignatureAlgorithm RsaPkcs1Sha256 { get; } = Pkcs1(DigestAlgorithm.Sha256, "1.2.840.113549.1.1.11");

    /// <summary>RSA PKCS#1 v1.5 with SHA-384.</summary>
    public static SignatureAlgorithm RsaPkcs1Sha384 { get; } = Pkcs1(DigestAlgorithm.Sha384, "1.2.840.113549.1.1.12");

    /// <summary>RSA PKCS#1 v1.5 with SHA-512.</summary>
    public static SignatureAlgorithm RsaPkcs1Sha512 { get; } = Pkcs1(DigestAlgorithm.Sha512, "1.2.840.113549.1.1.13");

    /// <summary>RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt.</summary>
    public static SignatureAlgorithm RsaPssSha256 { get; } = Pss(DigestAlgorithm.Sha256);

    /// <summary>RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt.</summary>
    public static SignatureAlgorithm RsaPssSha384 { get; } = Pss(DigestAlgorithm.Sha384);

    /// <summary>RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt.</summary>
    public static SignatureAlgorithm RsaPssSha512 { get; } = Pss(DigestAlgorithm.Sha512);

    /// <summary>ECDSA with SHA-256.</summary>
    public static SignatureAlgorithm EcdsaSha256 { get; } = NoParameters("ECDSA-SHA256", SignatureKeyKind.Ecdsa, DigestAlgorithm.Sha256, "1.2.840.10045.4.3.2");

    /// <summary>ECDSA with SHA-384.</summary>
    public static SignatureAlgorithm EcdsaSha384 { get; } = NoParameters("ECDSA-SHA384", SignatureKeyKind.Ecdsa, DigestAlgorithm.Sha384, "1.2.840.10045.4.3.3");

    /// <summary>ECDSA with SHA-512.</summary>
    public static SignatureAlgorithm EcdsaSha512 { get; } = NoParameters("ECDSA-SHA512", SignatureKeyKind.Ecdsa, DigestAlgorithm.Sha512, "1.2.840.10045.4.3.4");

    /// <summary>ML-DSA-44 (FIPS 204), SHA-512 for the signed attributes' message digest.</summary>
    public static SignatureAlgorithm MlDsa44 { get; } = NoParameters("ML-DSA-44", SignatureKeyKind.MlDsa, DigestAlgorithm.Sha512, "2.16.840.1.101.3.4.3.17");

    /// <summary>ML-DSA-65 (FIPS 204), SHA-512 for the signed attributes' message digest.</summary>
    public static SignatureAlgorithm MlDsa65 { get; } = NoParameters("ML-DSA-65", SignatureKeyKind.MlDsa, DigestAlgorithm.Sha512, "2.16.840.1.101.3.4.3.18");

    /// <summary>ML-DSA-87 (FIPS 204), SHA-512 for the signed attributes' message digest.</summary>
    public static SignatureAlgorithm MlDsa87 { get; } = NoParameters("ML-DSA-87", SignatureKeyKind.MlDsa, DigestAlgorithm.Sha512, "2.16.840.1.101.3.4.3.19");

    /// <summary>Every algorithm this library signs with.</summary>
    public static IReadOnlyList<SignatureAlgorithm> All { get; } =
    [
        RsaPkcs1Sha256, RsaPkcs1Sha384, RsaPkcs1Sha512, RsaPssSha256, RsaPssSha384, RsaPssSha512,
        EcdsaSha256, EcdsaSha384, EcdsaSha512, MlDsa44, MlDsa65, MlDsa87,
    ];

    /// <summary>A short name (<c>RSA-PSS-SHA256</c>).</summary>
    public string Name { get; }

    /// <summary>The key family.</summary>
    public SignatureKeyKind KeyKind { get; }

    /// <summary>The digest of content and signed attributes.</summary>
    public DigestAlgorithm Digest { get; }

    /// <summary>The signature algorithm's OID.</summary>
    public string Oid { get; }

    /// <summary>The DER <c>AlgorithmIdentifier</c> written as a SignerInfo's <c>signatureAlgorithm</c>.</summary>
    public ReadOnlyMemory<byte> EncodedIdentifier { get; }

    /// <summary>The ML-DSA parameter set for an ML-DSA algorithm with this OID, or <see langword="null"/>.</summary>
    public static SignatureAlgorithm? MlDsaFromOid(string oid) =>
        All.FirstOrDefault(a => a.KeyKind == SignatureKeyKind.MlDsa && a.Oid == oid);

    /// <inheritdoc />
    public override string ToString() => Name;

    private static SignatureAlgorithm Pkcs1(DigestAlgorithm digest, string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteNull();
        }

        return new SignatureAlgorithm("RSA-PKCS1-" + digest.Name.Replace("-", string.Empty, StringComparison.Ordinal), SignatureKeyKind.RsaPkcs1, digest, oid, writer.Encode());
    }

    private static SignatureAlgorithm NoParameters(string name, SignatureKeyKind kind, DigestAlgorithm digest, string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
        }

        return new SignatureAlgorithm(name, kind, digest, oid, writer.Encode());
    }

    // RFC 4055 §3.1 RSASSA-PSS-params: hashAlgorithm [0], maskGenAlgorithm [1] (MGF1 with the same hash),
    // saltLength [2] = hash length, trailerField left at its default.
    private static SignatureAlgorithm Pss(DigestAlgorithm digest)
    {
        const string pssOid = "1.2.840.113549.1.1.10";
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(pssOid);
            using (writer.PushSequence())
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    WriteDigestIdentifier(writer, digest);
                }

                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("1.2.840.113549.1.1.8");
                        WriteDigestIdentifier(writer, digest);
                    }
                }

                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
                {
                    writer.WriteInteger(digest.SizeInBytes);
                }
            }
        }

        return new SignatureAlgorithm("RSA-PSS-" + digest.Name.Replace("-", string.Empty, StringComparison.Ordinal), SignatureKeyKind.RsaPss, digest, pssOid, writer.Encode());
    }

    // RFC 4055 §2.1: the sha2 identifiers inside PSS parameters carry NULL parameters for interoperability.
    private static void WriteDigestIdentifier(AsnWriter writer, DigestAlgorithm digest)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(digest.Oid);
            writer.WriteNull();
        }
    }
}
