using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Tsp;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Tests.Infrastructure;
using BcAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using BcContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using BcSignedData = Org.BouncyCastle.Asn1.Cms.SignedData;

namespace SecurityKit.Signing.Tests.Cades;

/// <summary>
/// The archive-time-stamp-v3 of a B-LTA signature recomputed from the standard's text (EN 319 122-1 §5.5.2,
/// §5.5.3) with BouncyCastle's ASN.1 classes only — none of the library's CMS code — so a mistake in our
/// ats-hash-index-v3 or imprint computation would not be repeated by the check.
/// </summary>
[Collection(SharedPki.Name)]
public sealed class ArchiveTimestampIndependentTests(PkiFixture fixture)
{
    private const string ArchiveTimeStampV3 = "0.4.0.1733.2.4";
    private const string AtsHashIndexV3 = "0.4.0.1733.2.5";

    private static byte[] Der(Asn1Encodable value) => value.ToAsn1Object().GetEncoded(Asn1Encodable.Der);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_ATSv3_hash_index_and_imprint_match_an_independent_computation(bool enveloping)
    {
        var content = TestSigning.Content(5_000, seed: 7);
        var cms = await fixture.SignAsync(content, SignatureLevel.BaselineLTA, enveloping ? SignaturePackaging.Enveloping : SignaturePackaging.Detached);

        var signedData = BcSignedData.GetInstance(BcContentInfo.GetInstance(Asn1Object.FromByteArray(cms)).Content);
        var signerInfo = SignerInfo.GetInstance(signedData.SignerInfos[0]);
        var unsigned = signerInfo.UnsignedAttrs.Cast<Asn1Encodable>().Select(BcAttribute.GetInstance).ToList();
        var ats = unsigned[^1];
        Assert.Equal(ArchiveTimeStampV3, ats.AttrType.Id);
        var token = new TimeStampToken(BcContentInfo.GetInstance(ats.AttrValues[0]));
        var index = token.UnsignedAttributes[new DerObjectIdentifier(AtsHashIndexV3)];
        Assert.NotNull(index);

        // §5.5.2: ATSHashIndexV3 ::= SEQUENCE { hashIndAlgorithm DEFAULT sha256, certificatesHashIndex,
        // crlsHashIndex, unsignedAttrsHashIndex }; certificates and crls in their order in SignedData, and each
        // unsigned attribute present when the timestamp was taken hashed over attrType then each attrValue.
        static DerOctetString H(byte[] bytes) => new(SHA256.HashData(bytes));
        var certificates = signedData.Certificates?.Cast<Asn1Encodable>().Select(c => H(Der(c))).ToArray() ?? [];
        var crls = signedData.CRLs?.Cast<Asn1Encodable>().Select(c => H(Der(c))).ToArray() ?? [];
        var attributes = unsigned.Take(unsigned.Count - 1)
            .Select(a => H([.. Der(a.AttrType), .. a.AttrValues.Cast<Asn1Encodable>().SelectMany(Der)]))
            .ToArray();
        var expectedIndex = new DerSequence(new DerSequence(certificates), new DerSequence(crls), new DerSequence(attributes));
        Assert.Equal(Der(expectedIndex), Der(index.AttrValues[0]));

        // §5.5.3: eContentType, the content's hash, the SignerInfo's version, sid, digestAlgorithm, signedAttrs
        // ([0] IMPLICIT), signatureAlgorithm and signature, then the index.
        var imprintInput = new List<byte>();
        imprintInput.AddRange(Der(signedData.EncapContentInfo.ContentType));
        imprintInput.AddRange(SHA256.HashData(content));
        imprintInput.AddRange(Der(signerInfo.Version));
        imprintInput.AddRange(Der(signerInfo.SignerID));
        imprintInput.AddRange(Der(signerInfo.DigestAlgorithm));
        imprintInput.AddRange(Der(new DerTaggedObject(false, 0, signerInfo.SignedAttrs)));
        imprintInput.AddRange(Der(signerInfo.SignatureAlgorithm));
        imprintInput.AddRange(Der(signerInfo.Signature));
        imprintInput.AddRange(Der(index.AttrValues[0]));
        Assert.Equal(SHA256.HashData([.. imprintInput]), token.TimeStampInfo.GetMessageImprintDigest());
    }
}
