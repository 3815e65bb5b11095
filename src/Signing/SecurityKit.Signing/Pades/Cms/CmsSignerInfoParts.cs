using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Pades.Cms;

/// <summary>
/// The parts of a CMS SignedData's first SignerInfo (RFC 5652 §5.3) that validating a PDF signature needs: the signed
/// attributes exactly as encoded (re-tagged as the DER SET that was signed), the signature value and algorithms, and
/// the certificates. Read with <see cref="AsnReader"/> so that the byte range is hashed as a stream and only the digest
/// is compared: <c>SignedCms.CheckSignature</c> would need the whole detached content in memory.
/// </summary>
internal sealed class CmsSignerInfoParts
{
    private CmsSignerInfoParts(SignedCms cms, SignerInfo signer, byte[] signedAttributes, byte[] signatureValue, string digestOid, string signatureOid)
    {
        Cms = cms;
        Signer = signer;
        SignedAttributes = signedAttributes;
        SignatureValue = signatureValue;
        DigestOid = digestOid;
        SignatureOid = signatureOid;
    }

    public SignedCms Cms { get; }

    public SignerInfo Signer { get; }

    /// <summary>The DER SET OF signed attributes, as signed.</summary>
    public byte[] SignedAttributes { get; }

    public byte[] SignatureValue { get; }

    public string DigestOid { get; }

    public string SignatureOid { get; }

    public HashAlgorithmName DigestAlgorithm => DigestOid switch
    {
        "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
        "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
        "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
        "1.3.14.3.2.26" => HashAlgorithmName.SHA1,
        _ => throw new SecurityKitException($"unsupported digest algorithm {DigestOid}", "CMS SignerInfo"),
    };

    /// <summary>Parses a ContentInfo(SignedData); throws <see cref="SecurityKitException"/> on malformed input.</summary>
    public static CmsSignerInfoParts Parse(byte[] der)
    {
        try
        {
            var cms = new SignedCms();
            cms.Decode(der);
            if (cms.SignerInfos.Count != 1)
            {
                throw new SecurityKitException("a PAdES signature has exactly one SignerInfo", "CMS");
            }

            var reader = new AsnReader(der, AsnEncodingRules.BER);
            var contentInfo = reader.ReadSequence();
            contentInfo.ReadObjectIdentifier();
            var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadSequence();
            signedData.ReadInteger();
            signedData.ReadSetOf();
            signedData.ReadSequence();
            var zero = new Asn1Tag(TagClass.ContextSpecific, 0, true);
            var one = new Asn1Tag(TagClass.ContextSpecific, 1, true);
            if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(zero))
            {
                signedData.ReadEncodedValue();
            }

            if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(one))
            {
                signedData.ReadEncodedValue();
            }

            var signerInfo = signedData.ReadSetOf().ReadSequence();
            signerInfo.ReadInteger();
            signerInfo.ReadEncodedValue(); // sid
            var digestOid = signerInfo.ReadSequence().ReadObjectIdentifier();
            if (!signerInfo.HasData || !signerInfo.PeekTag().HasSameClassAndValue(zero))
            {
                throw new SecurityKitException("the SignerInfo has no signed attributes (PAdES requires them)", "CMS SignerInfo");
            }

            // RFC 5652 §5.4: the signature covers the DER SET OF, not the [0] IMPLICIT encoding.
            var signedAttributes = signerInfo.ReadEncodedValue().ToArray();
            signedAttributes[0] = 0x31;
            var signatureOid = signerInfo.ReadSequence().ReadObjectIdentifier();
            var signatureValue = signerInfo.ReadOctetString();
            return new CmsSignerInfoParts(cms, cms.SignerInfos[0], signedAttributes, signatureValue, digestOid, signatureOid);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            throw new SecurityKitException($"the signature is not a well-formed CMS SignedData: {e.Message}", "CMS", e);
        }
    }

    /// <summary>The single value of a signed attribute, or null.</summary>
    public byte[]? SignedAttribute(string oid)
    {
        foreach (var attribute in Signer.SignedAttributes)
        {
            if (attribute.Oid.Value == oid && attribute.Values.Count == 1)
            {
                return attribute.Values[0].RawData;
            }
        }

        return null;
    }

    public bool HasSignedAttribute(string oid) => Signer.SignedAttributes.Cast<CryptographicAttributeObject>().Any(a => a.Oid.Value == oid);

    /// <summary>The messageDigest attribute's octets.</summary>
    public byte[]? MessageDigest => SignedAttribute(PadesCmsOids.MessageDigest) is { } raw
        ? new AsnReader(raw, AsnEncodingRules.BER).ReadOctetString()
        : null;

    /// <summary>Verifies the signature value over the signed attributes with the certificate's public key.</summary>
    public bool VerifySignature(X509Certificate2 certificate)
    {
        var digest = DigestAlgorithm;
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            var padding = SignatureOid == "1.2.840.113549.1.1.10" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            return rsa.VerifyData(SignedAttributes, SignatureValue, digest, padding);
        }

        using var ecdsa = certificate.GetECDsaPublicKey();
        return ecdsa is not null && ecdsa.VerifyData(SignedAttributes, SignatureValue, digest, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Whether signing-certificate-v2 (or v1) names <paramref name="certificate"/> by its hash (RFC 5035).</summary>
    public bool? SigningCertificateMatches(X509Certificate2 certificate)
    {
        if (SignedAttribute(PadesCmsOids.SigningCertificateV2) is not { } v2)
        {
            return null;
        }

        try
        {
            var certs = new AsnReader(v2, AsnEncodingRules.BER).ReadSequence().ReadSequence();
            var first = certs.ReadSequence();
            var algorithm = HashAlgorithmName.SHA256;
            if (first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                algorithm = first.ReadSequence().ReadObjectIdentifier() switch
                {
                    "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
                    "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
                    "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
                    _ => throw new AsnContentException("unsupported ESSCertIDv2 hash"),
                };
            }

            var hash = first.ReadOctetString();
            return hash.AsSpan().SequenceEqual(certificate.GetCertHash(algorithm));
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
