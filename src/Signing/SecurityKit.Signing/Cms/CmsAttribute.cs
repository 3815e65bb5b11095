using System.Formats.Asn1;

namespace SecurityKit.Signing.Cms;

/// <summary>
/// One CMS <c>Attribute</c> (RFC 5652 §5.3): a type and a SET OF values, kept with its exact encoding so that a
/// signature made over it stays verifiable when the structure is re-written.
/// </summary>
internal sealed class CmsAttribute
{
    public CmsAttribute(string type, IReadOnlyList<ReadOnlyMemory<byte>> values, ReadOnlyMemory<byte> encoded)
    {
        Type = type;
        Values = values;
        Encoded = encoded;
    }

    /// <summary>The attribute type OID.</summary>
    public string Type { get; }

    /// <summary>Each value's encoding (tag, length and contents).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Values { get; }

    /// <summary>The whole attribute's encoding.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Builds an attribute with one value.</summary>
    public static CmsAttribute Create(string type, ReadOnlySpan<byte> encodedValue) => Create(type, [encodedValue.ToArray()]);

    /// <summary>Builds an attribute with several values (DER SET OF, sorted).</summary>
    public static CmsAttribute Create(string type, IReadOnlyList<byte[]> encodedValues)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(type);
            using (writer.PushSetOf())
            {
                foreach (var value in encodedValues)
                {
                    writer.WriteEncodedValue(value);
                }
            }
        }

        return new CmsAttribute(type, encodedValues.Select(v => (ReadOnlyMemory<byte>)v).ToArray(), writer.Encode());
    }

    /// <summary>Reads one attribute from <paramref name="reader"/>.</summary>
    public static CmsAttribute Read(AsnReader reader)
    {
        var encoded = reader.ReadEncodedValue();
        var inner = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
        var type = inner.ReadObjectIdentifier();
        var set = inner.ReadSetOf(skipSortOrderValidation: true);
        var values = new List<ReadOnlyMemory<byte>>();
        while (set.HasData)
        {
            values.Add(set.ReadEncodedValue());
        }

        return new CmsAttribute(type, values, encoded);
    }

    /// <summary>Reads every attribute of a SET OF Attribute (tagged or not).</summary>
    public static List<CmsAttribute> ReadSet(ReadOnlyMemory<byte> encodedSet)
    {
        var reader = new AsnReader(encodedSet, AsnEncodingRules.BER);
        var tag = reader.PeekTag();
        var set = reader.ReadSetOf(true, tag);
        var list = new List<CmsAttribute>();
        while (set.HasData)
        {
            list.Add(Read(set));
        }

        return list;
    }
}
