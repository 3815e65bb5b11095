using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.Revocation;

namespace SecurityKit.Signing.Validation;

/// <summary>
/// The validation data a signature carries or is given, before any online look-up: certificates and revocation data
/// of <c>SignedData</c> (RFC 5652 §10.2.1, RFC 5940), the CAdES unsigned attributes certificate-values and
/// revocation-values (RFC 5126 §6.3.3/§6.3.4, EN 319 122-1 §5.5.1/§5.5.2), and the caller's (a PDF's DSS).
/// </summary>
internal static class SignerValidationData
{
    public static List<X509Certificate2> Certificates(CmsSignedData cms, CmsSignerInfo signer, ValidationOptions options)
    {
        var pool = cms.Certificates.Select(IssuerChain.TryLoad).OfType<X509Certificate2>().ToList();
        foreach (var value in signer.Unsigned(CmsOids.CertificateValues).SelectMany(a => a.Values))
        {
            // CertificateValues ::= SEQUENCE OF Certificate
            try
            {
                var sequence = new AsnReader(value, AsnEncodingRules.BER).ReadSequence();
                while (sequence.HasData)
                {
                    if (IssuerChain.TryLoad(sequence.ReadEncodedValue()) is { } certificate)
                    {
                        pool.Add(certificate);
                    }
                }
            }
            catch (AsnContentException)
            {
                // a malformed attribute adds nothing; paths are then built without it
            }
        }

        pool.AddRange(options.AdditionalCertificates);
        return pool;
    }

    public static List<RevocationData> Revocation(CmsSignedData cms, CmsSignerInfo signer, ValidationOptions options)
    {
        var items = EmbeddedRevocation.AsRevocationData(cms.RevocationInfo).ToList();
        foreach (var value in signer.Unsigned(CmsOids.RevocationValues).SelectMany(a => a.Values))
        {
            // RevocationValues ::= SEQUENCE { crlVals [0] SEQUENCE OF CertificateList OPTIONAL,
            //                                 ocspVals [1] SEQUENCE OF BasicOCSPResponse OPTIONAL, otherRevVals [2] ... }
            try
            {
                var sequence = new AsnReader(value, AsnEncodingRules.BER).ReadSequence();
                while (sequence.HasData)
                {
                    var tag = sequence.PeekTag();
                    if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 0 or 1)
                    {
                        var list = sequence.ReadSequence(tag).ReadSequence();
                        while (list.HasData)
                        {
                            var item = list.ReadEncodedValue();
                            items.Add(tag.TagValue == 0
                                ? new RevocationData(RevocationSourceKind.Crl, item, "revocation-values")
                                : new RevocationData(RevocationSourceKind.Ocsp, RevocationData.WrapBasicOcspResponse(item.Span), "revocation-values"));
                        }
                    }
                    else
                    {
                        sequence.ReadEncodedValue();
                    }
                }
            }
            catch (AsnContentException)
            {
                // a malformed attribute adds nothing
            }
        }

        items.AddRange(options.GivenRevocationData());
        return items;
    }
}
