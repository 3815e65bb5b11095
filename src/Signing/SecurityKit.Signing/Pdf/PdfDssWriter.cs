using System.Globalization;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Appends a document security store (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1 §5.4.2) as an incremental update:
/// /Certs, /OCSPs and /CRLs arrays of streams (DER), kept from an existing DSS and extended, and a /VRI dictionary
/// keyed by the upper-case hexadecimal SHA-1 of each signature's /Contents.
/// </summary>
internal static class PdfDssWriter
{
    public static void Append(
        Stream pdf,
        PdfDocument document,
        List<byte[]> certificates,
        List<byte[]> ocspResponses,
        List<byte[]> crls,
        List<(string Key, List<int> Certs, List<int> Ocsps, List<int> Crls)> vri)
    {
        var update = new PdfIncrementalUpdate(document);
        var catalog = document.Catalog.Copy();
        var existing = document.ResolveDictionary(catalog["DSS"]);
        var dss = existing?.Copy() ?? new PdfDictionary();
        dss["Type"] = new PdfName("DSS");

        List<PdfReference> Streams(string key, List<byte[]> items)
        {
            var (array, _) = PdfSignatureFieldPlacement.EditableArray(document, update, dss[key]);
            var known = array.Items.OfType<PdfReference>()
                .Select(r => (Reference: r, Data: document.Resolve(r) is PdfStream s ? SafeDecode(document, s) : null))
                .ToList();
            var references = new List<PdfReference>();
            foreach (var item in items)
            {
                var match = known.FirstOrDefault(k => k.Data is not null && k.Data.AsSpan().SequenceEqual(item));
                if (match.Reference is not null)
                {
                    references.Add(match.Reference);
                    continue;
                }

                var reference = update.Allocate();
                update.SetStream(reference, new PdfDictionary { ["Filter"] = new PdfName("FlateDecode") }, PdfStreamDecoder.Deflate(item));
                array.Items.Add(reference);
                known.Add((reference, item));
                references.Add(reference);
            }

            if (array.Count > 0)
            {
                dss[key] = array;
            }

            return references;
        }

        var certRefs = Streams("Certs", certificates);
        var ocspRefs = Streams("OCSPs", ocspResponses);
        var crlRefs = Streams("CRLs", crls);
        var vriDictionary = document.ResolveDictionary(dss["VRI"])?.Copy() ?? new PdfDictionary();
        foreach (var (key, certs, ocsps, crlIndexes) in vri)
        {
            var entry = new PdfDictionary { ["Type"] = new PdfName("VRI") };
            if (certs.Count > 0)
            {
                entry["Cert"] = new PdfArray(certs.Distinct().Select(i => (PdfObject)certRefs[i]));
            }

            if (ocsps.Count > 0)
            {
                entry["OCSP"] = new PdfArray(ocsps.Distinct().Select(i => (PdfObject)ocspRefs[i]));
            }

            if (crlIndexes.Count > 0)
            {
                entry["CRL"] = new PdfArray(crlIndexes.Distinct().Select(i => (PdfObject)crlRefs[i]));
            }

            vriDictionary[key] = entry;
        }

        dss["VRI"] = vriDictionary;
        var dssReference = catalog["DSS"] is PdfReference r ? update.ReferenceOf(r.Number) : update.Allocate();
        update.Set(dssReference, dss);
        catalog["DSS"] = dssReference;
        update.Set(update.ReferenceOf(document.CatalogReference.Number), catalog);
        var bytes = update.Build(out _);
        pdf.Position = document.Length;
        pdf.Write(bytes);
        pdf.Flush();
    }

    private static byte[]? SafeDecode(PdfDocument document, PdfStream stream)
    {
        try
        {
            return document.DecodeStream(stream, "DSS stream " + stream.DataOffset.ToString(CultureInfo.InvariantCulture));
        }
        catch (PdfFormatException)
        {
            return null;
        }
    }
}
