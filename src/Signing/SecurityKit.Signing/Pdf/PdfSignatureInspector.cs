namespace SecurityKit.Signing.Pdf;

/// <summary>One signature or document timestamp found in a PDF's form fields.</summary>
internal sealed record PdfSignatureInfo(
    string FieldName,
    PdfReference Field,
    PdfReference? Value,
    PdfDictionary Dictionary,
    long[] ByteRange,
    byte[] Contents)
{
    public string? SubFilter => Dictionary.NameOf("SubFilter");

    public bool IsDocumentTimestamp => Dictionary.NameOf("Type") == "DocTimeStamp" || SubFilter == "ETSI.RFC3161";

    /// <summary>The end of the signed revision: the last byte the byte range covers.</summary>
    public long CoveredLength => ByteRange.Length == 4 ? ByteRange[2] + ByteRange[3] : 0;

    /// <summary>The /Contents value without the zero padding after the DER structure.</summary>
    public byte[] Der => TrimDer(Contents);

    private static byte[] TrimDer(byte[] contents)
    {
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(contents, System.Formats.Asn1.AsnEncodingRules.BER);
            return reader.ReadEncodedValue().ToArray();
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return contents;
        }
    }
}

/// <summary>Finds the signature fields that hold a value (ISO 32000-1 §12.7.4.5, §12.8.1).</summary>
internal static class PdfSignatureInspector
{
    public static List<PdfSignatureInfo> Find(PdfDocument document)
    {
        var result = new List<PdfSignatureInfo>();
        var acroForm = document.ResolveDictionary(document.Catalog["AcroForm"]);
        if (acroForm is null || document.Resolve(acroForm["Fields"]) is not PdfArray fields)
        {
            return result;
        }

        foreach (var (name, reference, field) in PdfSignatureFieldPlacement.AllFields(document, fields))
        {
            if (field.NameOf("FT") != "Sig" || document.ResolveDictionary(field["V"]) is not { } value)
            {
                continue;
            }

            var byteRange = document.Resolve(value["ByteRange"]) is PdfArray range
                ? range.Items.Select(i => document.Resolve(i) is PdfNumber n ? n.AsLong() : -1).ToArray()
                : [];
            var contents = (document.Resolve(value["Contents"]) as PdfString)?.Bytes ?? [];
            result.Add(new PdfSignatureInfo(name, reference, field["V"] as PdfReference, value, byteRange, contents));
        }

        // Order of signing: by how much of the file each one covers.
        return [.. result.OrderBy(s => s.CoveredLength)];
    }
}
