using System.Formats.Asn1;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.Timestamps;

namespace SecurityKit.Signing.Cades;

/// <summary>
/// The archive-time-stamp-v3 of CAdES B-LTA (EN 319 122-1 §5.5.3) with its ats-hash-index-v3 (§5.5.2).
/// </summary>
/// <remarks>
/// Message imprint input, in order (§5.5.3): the encoded eContentType; the content's digest octets; the encoded
/// version, sid, digestAlgorithm, signedAttrs ([0] tag), signatureAlgorithm and signature of the SignerInfo; the
/// encoded ATSHashIndexV3. The index holds one hash per SignedData.certificates entry, per SignedData.crls entry
/// and per unsigned attribute (over the attribute's encoded attrType followed by each encoded attrValue), and is
/// added as an unsigned attribute of the timestamp token's own SignerInfo.
/// </remarks>
internal static class ArchiveTimestamp
{
    public static async Task AddAsync(CmsSignedData cms, CmsSignerInfo signer, ITimestampClient timestamps, Func<DigestAlgorithm, CancellationToken, ValueTask<byte[]>> contentDigest, CancellationToken cancellationToken)
    {
        var digest = timestamps.DigestAlgorithm;
        var index = EncodeHashIndex(cms, signer, digest);
        var content = await contentDigest(digest, cancellationToken).ConfigureAwait(false);
        var imprint = digest.Compute(ImprintInput(cms, signer, content, index));
        var token = await timestamps.GetTimestampAsync(imprint, cancellationToken).ConfigureAwait(false);
        var tokenCms = CmsSignedData.Decode(token.Encoded);
        tokenCms.SignerInfos[0].UnsignedAttributes.Add(CmsAttribute.Create(CmsOids.AtsHashIndexV3, index));
        signer.UnsignedAttributes.Add(CmsAttribute.Create(CmsOids.ArchiveTimeStampV3, tokenCms.Encode()));
    }

    /// <summary>The imprint input of §5.5.3 for an existing archive timestamp's index (used by validation).</summary>
    public static byte[] ImprintInput(CmsSignedData cms, CmsSignerInfo signer, ReadOnlySpan<byte> contentDigest, ReadOnlySpan<byte> encodedIndex)
    {
        using var buffer = new MemoryStream();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(cms.ContentType);
        buffer.Write(writer.Encode());
        buffer.Write(contentDigest);
        writer.Reset();
        writer.WriteInteger(signer.Version);
        buffer.Write(writer.Encode());
        buffer.Write(signer.SignerIdentifier.Span);
        buffer.Write(signer.DigestAlgorithm.Span);
        if (!signer.SignedAttributesForSignature.IsEmpty)
        {
            var tagged = signer.SignedAttributesForSignature.ToArray();
            tagged[0] = 0xA0;
            buffer.Write(tagged);
        }

        buffer.Write(signer.SignatureAlgorithm.Span);
        writer.Reset();
        writer.WriteOctetString(signer.Signature.Span);
        buffer.Write(writer.Encode());
        buffer.Write(encodedIndex);
        return buffer.ToArray();
    }

    /// <summary>ATSHashIndexV3 over the current certificates, crls and unsigned attributes (§5.5.2).</summary>
    public static byte[] EncodeHashIndex(CmsSignedData cms, CmsSignerInfo signer, DigestAlgorithm digest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            // hashIndAlgorithm DEFAULT {algorithm id-sha256}: omitted when it is the default (DER).
            if (!digest.Equals(DigestAlgorithm.Sha256))
            {
                writer.WriteEncodedValue(SignedAttributes.DigestAlgorithmIdentifier(digest));
            }

            using (writer.PushSequence())
            {
                foreach (var certificate in CmsSignedData.EncodedOrder(cms.Certificates))
                {
                    writer.WriteOctetString(digest.Compute(certificate.Span));
                }
            }

            using (writer.PushSequence())
            {
                foreach (var crl in CmsSignedData.EncodedOrder(cms.RevocationInfo))
                {
                    writer.WriteOctetString(digest.Compute(crl.Span));
                }
            }

            using (writer.PushSequence())
            {
                foreach (var attribute in signer.UnsignedAttributes)
                {
                    writer.WriteOctetString(digest.Compute(AttributeHashInput(attribute)));
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>What the index hashes for one unsigned attribute: its encoded attrType, then each encoded attrValue (§5.5.2).</summary>
    public static byte[] AttributeHashInput(CmsAttribute attribute)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(attribute.Type);
        using var buffer = new MemoryStream();
        buffer.Write(writer.Encode());
        foreach (var value in attribute.Values)
        {
            buffer.Write(value.Span);
        }

        return buffer.ToArray();
    }
}
