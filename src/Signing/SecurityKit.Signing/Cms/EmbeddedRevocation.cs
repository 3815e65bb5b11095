using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Revocation;

namespace SecurityKit.Signing.Cms;

/// <summary>
/// Revocation data inside <c>SignedData.crls</c> (RFC 5652 §10.2.1): CRLs as they are, OCSP responses as
/// <c>[1] OtherRevocationInfoFormat</c> with id-ri-ocsp-response (RFC 5940 §4.1), as EN 319 122-1 §6.3 asks of B-LT.
/// </summary>
internal static class EmbeddedRevocation
{
    private static readonly Asn1Tag OtherFormatTag = new(TagClass.ContextSpecific, 1, isConstructed: true);

    public static byte[] Wrap(RevocationEvidence evidence)
    {
        if (evidence.Kind == RevocationSourceKind.Crl)
        {
            return evidence.Encoded.ToArray();
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(OtherFormatTag))
        {
            writer.WriteObjectIdentifier(CmsOids.OcspResponseRevocationInfo);
            writer.WriteEncodedValue(evidence.Encoded.Span);
        }

        return writer.Encode();
    }

    /// <summary>Embedded OCSP responses and CRLs, as (kind, encoding) pairs.</summary>
    public static IEnumerable<(RevocationSourceKind Kind, ReadOnlyMemory<byte> Encoded)> Read(IEnumerable<ReadOnlyMemory<byte>> revocationInfo)
    {
        foreach (var item in revocationInfo)
        {
            if (item.Span.Length > 0 && item.Span[0] == 0x30)
            {
                yield return (RevocationSourceKind.Crl, item);
            }
            else if (item.Span.Length > 0 && item.Span[0] == 0xA1)
            {
                ReadOnlyMemory<byte>? ocsp = null;
                try
                {
                    var other = new AsnReader(item, AsnEncodingRules.BER).ReadSequence(OtherFormatTag);
                    if (other.ReadObjectIdentifier() == CmsOids.OcspResponseRevocationInfo)
                    {
                        ocsp = other.ReadEncodedValue();
                    }
                }
                catch (AsnContentException)
                {
                    // Not an OCSP response we understand: ignored, as for any unknown revocation format.
                }

                if (ocsp is { } value)
                {
                    yield return (RevocationSourceKind.Ocsp, value);
                }
            }
        }
    }

    /// <summary>The embedded items as unverified <see cref="RevocationData"/>.</summary>
    public static IEnumerable<RevocationData> AsRevocationData(IEnumerable<ReadOnlyMemory<byte>> revocationInfo, string origin = "embedded") =>
        Read(revocationInfo).Select(i => new RevocationData(i.Kind, i.Encoded, origin));

    /// <summary>The first embedded item that verifies as revocation data about <paramref name="certificate"/>.</summary>
    public static RevocationEvidence? Find(IEnumerable<ReadOnlyMemory<byte>> revocationInfo, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset now) =>
        RevocationData.Find(AsRevocationData(revocationInfo), certificate, issuer, now);
}
