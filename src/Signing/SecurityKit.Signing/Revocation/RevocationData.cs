using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Revocation;

/// <summary>
/// One piece of revocation data found with a signature but not yet verified: an OCSPResponse (RFC 6960 §4.2.1) or a
/// CertificateList (RFC 5280 §5.1) from the CMS <c>crls</c>, a CAdES revocation-values attribute, a PDF's DSS, or
/// given by the caller. <see cref="Find"/> verifies each against a certificate and its issuer.
/// </summary>
/// <param name="Kind">OCSP or CRL.</param>
/// <param name="Encoded">The DER OCSPResponse or CertificateList.</param>
/// <param name="Origin">Where it was found (<c>embedded</c>, <c>DSS</c>, <c>revocation-values</c>, <c>given</c>).</param>
internal sealed record RevocationData(RevocationSourceKind Kind, ReadOnlyMemory<byte> Encoded, string Origin)
{
    /// <summary>The first item that verifies as revocation data about <paramref name="certificate"/>.</summary>
    public static RevocationEvidence? Find(IEnumerable<RevocationData> items, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset now)
    {
        foreach (var item in items)
        {
            try
            {
                return item.Kind == RevocationSourceKind.Ocsp
                    ? OcspResponseVerifier.Verify(item.Encoded, certificate, issuer, item.Origin, now)
                    : CrlVerifier.Verify(item.Encoded, certificate, issuer, item.Origin, now);
            }
            catch (RevocationException)
            {
                // About another certificate or issuer: keep looking.
            }
        }

        return null;
    }

    /// <summary>
    /// Wraps a BasicOCSPResponse (as CAdES revocation-values carries it, EN 319 122-1 §5.5.2.3 / RFC 5126 §6.3.4) into
    /// a successful OCSPResponse: <c>SEQUENCE { responseStatus successful, [0] { id-pkix-ocsp-basic, OCTET STRING } }</c>.
    /// </summary>
    public static byte[] WrapBasicOcspResponse(ReadOnlySpan<byte> basicOcspResponse)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue([0x0A, 0x01, 0x00]); // OCSPResponseStatus ::= ENUMERATED, successful (0)
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.3.6.1.5.5.7.48.1.1");
                writer.WriteOctetString(basicOcspResponse);
            }
        }

        return writer.Encode();
    }
}
