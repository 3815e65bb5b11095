using System.Formats.Asn1;
using System.Numerics;

namespace SecurityKit.Signing.Cms;

/// <summary>
/// A CMS <c>SignerInfo</c> (RFC 5652 §5.3) whose signed parts are kept as the exact bytes that were signed, so that
/// adding unsigned attributes (timestamps, counter-signatures) never disturbs the signature.
/// </summary>
internal sealed class CmsSignerInfo
{
    private static readonly Asn1Tag SignedAttributesTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag UnsignedAttributesTag = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag SubjectKeyIdentifierTag = new(TagClass.ContextSpecific, 0);

    public required int Version { get; init; }

    /// <summary>The encoded <c>sid</c> (IssuerAndSerialNumber, or [0] SubjectKeyIdentifier).</summary>
    public required ReadOnlyMemory<byte> SignerIdentifier { get; init; }

    /// <summary>The encoded digest <c>AlgorithmIdentifier</c>.</summary>
    public required ReadOnlyMemory<byte> DigestAlgorithm { get; init; }

    /// <summary>The signed attributes as a universal SET (the bytes the signature covers), or empty.</summary>
    public required ReadOnlyMemory<byte> SignedAttributesForSignature { get; init; }

    /// <summary>The encoded <c>signatureAlgorithm</c> AlgorithmIdentifier.</summary>
    public required ReadOnlyMemory<byte> SignatureAlgorithm { get; init; }

    /// <summary>The signature value (contents of the OCTET STRING).</summary>
    public required ReadOnlyMemory<byte> Signature { get; init; }

    /// <summary>The unsigned attributes, in order.</summary>
    public List<CmsAttribute> UnsignedAttributes { get; init; } = [];

    /// <summary>The signed attributes, parsed.</summary>
    public IReadOnlyList<CmsAttribute> SignedAttributes =>
        SignedAttributesForSignature.IsEmpty ? [] : CmsAttribute.ReadSet(SignedAttributesForSignature);

    /// <summary>The first signed attribute of a type, or <see langword="null"/>.</summary>
    public CmsAttribute? SignedAttribute(string type) => SignedAttributes.FirstOrDefault(a => a.Type == type);

    /// <summary>The unsigned attributes of a type.</summary>
    public IEnumerable<CmsAttribute> Unsigned(string type) => UnsignedAttributes.Where(a => a.Type == type);

    /// <summary>The digest algorithm's OID.</summary>
    public string DigestAlgorithmOid => new AsnReader(DigestAlgorithm, AsnEncodingRules.BER).ReadSequence().ReadObjectIdentifier();

    /// <summary>The signature algorithm's OID.</summary>
    public string SignatureAlgorithmOid => new AsnReader(SignatureAlgorithm, AsnEncodingRules.BER).ReadSequence().ReadObjectIdentifier();

    /// <summary>Whether <c>sid</c> names this issuer and serial number, or this subject key identifier.</summary>
    public bool Identifies(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var reader = new AsnReader(SignerIdentifier, AsnEncodingRules.BER);
        if (reader.PeekTag().HasSameClassAndValue(SubjectKeyIdentifierTag))
        {
            var ski = reader.ReadOctetString(SubjectKeyIdentifierTag);
            var extension = certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension>().FirstOrDefault();
            return extension?.SubjectKeyIdentifierBytes.Span.SequenceEqual(ski) == true;
        }

        var sequence = reader.ReadSequence();
        var issuer = sequence.ReadEncodedValue();
        var serial = sequence.ReadIntegerBytes();
        return issuer.Span.SequenceEqual(certificate.IssuerName.RawData)
            && new BigInteger(serial.Span, isUnsigned: false, isBigEndian: true) == new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true);
    }

    public static CmsSignerInfo Read(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        var version = (int)sequence.ReadInteger();
        var sid = sequence.ReadEncodedValue();
        var digest = sequence.ReadEncodedValue();
        ReadOnlyMemory<byte> signed = default;
        if (sequence.PeekTag().HasSameClassAndValue(SignedAttributesTag))
        {
            // RFC 5652 §5.4: the signature covers the DER SET OF with the universal SET tag, not the [0] tag.
            var raw = sequence.ReadEncodedValue().ToArray();
            raw[0] = 0x31;
            signed = raw;
        }

        var signatureAlgorithm = sequence.ReadEncodedValue();
        var signature = sequence.ReadOctetString();
        var unsigned = new List<CmsAttribute>();
        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(UnsignedAttributesTag))
        {
            unsigned = CmsAttribute.ReadSet(sequence.ReadEncodedValue());
        }

        sequence.ThrowIfNotEmpty();
        return new CmsSignerInfo
        {
            Version = version,
            SignerIdentifier = sid,
            DigestAlgorithm = digest,
            SignedAttributesForSignature = signed,
            SignatureAlgorithm = signatureAlgorithm,
            Signature = signature,
            UnsignedAttributes = unsigned,
        };
    }

    public void Write(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(Version);
            writer.WriteEncodedValue(SignerIdentifier.Span);
            writer.WriteEncodedValue(DigestAlgorithm.Span);
            if (!SignedAttributesForSignature.IsEmpty)
            {
                var tagged = SignedAttributesForSignature.ToArray();
                tagged[0] = 0xA0;
                writer.WriteEncodedValue(tagged);
            }

            writer.WriteEncodedValue(SignatureAlgorithm.Span);
            writer.WriteOctetString(Signature.Span);
            if (UnsignedAttributes.Count > 0)
            {
                // Kept in insertion order (not re-sorted): EN 319 122-1 §5.5.3 archive timestamps hash the unsigned
                // attributes as they appear, and a re-sort would change what earlier timestamps covered.
                // A DER writer would sort the SET OF, so the [1] is assembled by hand.
                using var contents = new MemoryStream();
                foreach (var attribute in UnsignedAttributes)
                {
                    contents.Write(attribute.Encoded.Span);
                }

                writer.WriteEncodedValue(DerTlv.Encode(0xA1, contents.GetBuffer().AsSpan(0, (int)contents.Length)));
            }
        }
    }

    public byte[] Encode()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        Write(writer);
        return writer.Encode();
    }
}
