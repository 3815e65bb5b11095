using System.Formats.Asn1;

namespace SecurityKit.Signing.Cms;

/// <summary>
/// A CMS <c>ContentInfo</c> holding <c>SignedData</c> (RFC 5652 §5.1), parsed into its parts with each certificate,
/// revocation entry and SignerInfo kept as its exact encoding. Written by hand over System.Formats.Asn1 because the
/// platform's <c>SignedCms</c> cannot take an externally made signature value (the three-step flow) nor keep
/// unknown unsigned attributes byte-exact while extending a signature.
/// </summary>
internal sealed class CmsSignedData
{
    private static readonly Asn1Tag Explicit0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Implicit1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    public List<ReadOnlyMemory<byte>> DigestAlgorithms { get; } = [];

    public string ContentType { get; set; } = CmsOids.Data;

    /// <summary>The encapsulated content, or <see langword="null"/> for a detached signature.</summary>
    public ReadOnlyMemory<byte>? Content { get; set; }

    public List<ReadOnlyMemory<byte>> Certificates { get; } = [];

    public List<ReadOnlyMemory<byte>> RevocationInfo { get; } = [];

    public List<CmsSignerInfo> SignerInfos { get; } = [];

    /// <summary>Parses a DER or BER ContentInfo.</summary>
    /// <exception cref="SecurityKitException">The bytes are not a CMS SignedData.</exception>
    public static CmsSignedData Decode(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            var reader = new AsnReader(encoded, AsnEncodingRules.BER);
            var contentInfo = reader.ReadSequence();
            if (reader.HasData)
            {
                throw new SecurityKitException("trailing bytes after the CMS ContentInfo", $"byte {encoded.Length - reader.PeekEncodedValue().Length}");
            }

            var type = contentInfo.ReadObjectIdentifier();
            if (type != CmsOids.SignedData)
            {
                throw new SecurityKitException($"the CMS content type is {type}, not SignedData", "ContentInfo.contentType");
            }

            var signedData = contentInfo.ReadSequence(Explicit0).ReadSequence();
            var result = new CmsSignedData();
            signedData.ReadInteger();
            var digests = signedData.ReadSetOf(skipSortOrderValidation: true);
            while (digests.HasData)
            {
                result.DigestAlgorithms.Add(digests.ReadEncodedValue());
            }

            var encap = signedData.ReadSequence();
            result.ContentType = encap.ReadObjectIdentifier();
            if (encap.HasData)
            {
                // BER allows a constructed (chunked) OCTET STRING; ReadOctetString joins the chunks.
                result.Content = encap.ReadSequence(Explicit0).ReadOctetString();
            }

            if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(Explicit0))
            {
                var certificates = signedData.ReadSetOf(true, Explicit0);
                while (certificates.HasData)
                {
                    result.Certificates.Add(certificates.ReadEncodedValue());
                }
            }

            if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(Implicit1))
            {
                var crls = signedData.ReadSetOf(true, Implicit1);
                while (crls.HasData)
                {
                    result.RevocationInfo.Add(crls.ReadEncodedValue());
                }
            }

            var signerInfos = signedData.ReadSetOf(skipSortOrderValidation: true);
            while (signerInfos.HasData)
            {
                result.SignerInfos.Add(CmsSignerInfo.Read(signerInfos));
            }

            return result;
        }
        catch (AsnContentException e)
        {
            throw new SecurityKitException($"the CMS structure is malformed: {e.Message}", "CMS SignedData", e);
        }
        catch (InvalidOperationException e)
        {
            throw new SecurityKitException($"the CMS structure is malformed: {e.Message}", "CMS SignedData", e);
        }
    }

    public byte[] Encode()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(CmsOids.SignedData);
            using (writer.PushSequence(Explicit0))
            {
                using (writer.PushSequence())
                {
                    writer.WriteInteger(Version());
                    using (writer.PushSetOf())
                    {
                        foreach (var digest in DigestAlgorithms.DistinctBy(d => Convert.ToHexString(d.Span)))
                        {
                            writer.WriteEncodedValue(digest.Span);
                        }
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(ContentType);
                        if (Content is { } content)
                        {
                            using (writer.PushSequence(Explicit0))
                            {
                                writer.WriteOctetString(content.Span);
                            }
                        }
                    }

                    if (Certificates.Count > 0)
                    {
                        using (writer.PushSetOf(Explicit0))
                        {
                            foreach (var certificate in Certificates.DistinctBy(c => Convert.ToHexString(c.Span)))
                            {
                                writer.WriteEncodedValue(certificate.Span);
                            }
                        }
                    }

                    if (RevocationInfo.Count > 0)
                    {
                        using (writer.PushSetOf(Implicit1))
                        {
                            foreach (var crl in RevocationInfo.DistinctBy(c => Convert.ToHexString(c.Span)))
                            {
                                writer.WriteEncodedValue(crl.Span);
                            }
                        }
                    }

                    using (writer.PushSetOf())
                    {
                        foreach (var signerInfo in SignerInfos)
                        {
                            signerInfo.Write(writer);
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>
    /// The items in the order <see cref="Encode"/> writes them: distinct, and sorted as a DER SET OF (X.690 §11.6).
    /// The archive timestamp's hash index lists certificates and crls "in the order they appear" (EN 319 122-1
    /// §5.5.2), which is this order, also for items added since the CMS was last decoded.
    /// </summary>
    public static List<ReadOnlyMemory<byte>> EncodedOrder(IEnumerable<ReadOnlyMemory<byte>> items)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            foreach (var item in items.DistinctBy(c => Convert.ToHexString(c.Span)))
            {
                writer.WriteEncodedValue(item.Span);
            }
        }

        var set = new AsnReader(writer.Encode(), AsnEncodingRules.DER).ReadSetOf();
        var ordered = new List<ReadOnlyMemory<byte>>();
        while (set.HasData)
        {
            ordered.Add(set.ReadEncodedValue());
        }

        return ordered;
    }

    // RFC 5652 §5.1: version 5 when "other" revocation info (OCSP, RFC 5940) is present, 3 when a SignerInfo is
    // version 3 or the content is not id-data, 1 otherwise.
    private int Version()
    {
        if (RevocationInfo.Any(r => r.Span[0] == 0xA1))
        {
            return 5;
        }

        return SignerInfos.Any(s => s.Version == 3) || ContentType != CmsOids.Data ? 3 : 1;
    }
}
