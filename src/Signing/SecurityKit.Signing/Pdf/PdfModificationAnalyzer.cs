namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Decides whether what was appended after a signature is an allowed change (ISO 32000-1 §12.8.2.2 DocMDP levels,
/// ETSI EN 319 142-1 §5.4): later signatures and their fields, document timestamps, the DSS and its VRI entries. Any
/// other change to an object that existed when the document was signed (a page's /Contents or /Resources, a new
/// non-signature annotation, a changed form field, a deleted object) is reported: these are the incremental-saving
/// and shadow-attack classes (Mladenov et al., "1 Trillion Dollar Refund", 2019; Mainka et al., "Shadow Attacks", 2021).
/// </summary>
internal static class PdfModificationAnalyzer
{
    private static readonly HashSet<string> CatalogKeysAllowedToChange = ["AcroForm", "DSS", "Extensions", "Perms", "Version"];
    private static readonly HashSet<string> AcroFormKeysAllowedToChange = ["Fields", "SigFlags", "DR", "DA"];

    /// <summary>Describes every disallowed change between the signed revision and the whole document.</summary>
    public static List<string> FindDisallowedChanges(PdfDocument signed, PdfDocument current)
    {
        var findings = new List<string>();
        var later = current.Sections.Where(s => s.Offset >= signed.Length).ToList();
        var changed = new SortedSet<int>();
        foreach (var section in later)
        {
            foreach (var number in section.Entries.Keys)
            {
                changed.Add(number);
            }
        }

        var catalogNumber = signed.CatalogReference.Number;
        if (current.CatalogReference.Number != catalogNumber)
        {
            findings.Add("the document catalog was replaced after signing");
        }

        foreach (var number in changed)
        {
            var before = signed.GetObject(number);
            var after = current.GetObject(number);
            if (before is null)
            {
                continue; // a new object: only reachable through a changed object, which is checked below
            }

            if (after is null)
            {
                findings.Add($"object {number} was deleted after signing");
                continue;
            }

            if (SameBytes(signed, before, current, after))
            {
                continue;
            }

            var reason = Classify(number, before, after, signed, current, catalogNumber);
            if (reason is not null)
            {
                findings.Add(reason);
            }
        }

        return findings;
    }

    private static string? Classify(int number, PdfObject before, PdfObject after, PdfDocument signed, PdfDocument current, int catalogNumber)
    {
        if (before is PdfStream || after is PdfStream)
        {
            var kind = IsContentStream(number, signed) ? "page content stream" : "stream";
            return $"{kind} (object {number}) changed after signing";
        }

        if (before is PdfArray oldArray && after is PdfArray newArray)
        {
            return ArrayOnlyGainsSignatureFields(oldArray, newArray, current)
                ? null
                : $"array object {number} (annotations or form fields) changed after signing beyond added signature fields";
        }

        if (before is not PdfDictionary oldDictionary || after is not PdfDictionary newDictionary)
        {
            return $"object {number} changed after signing";
        }

        var keys = DifferingKeys(signed, oldDictionary, current, newDictionary);
        if (number == catalogNumber)
        {
            var bad = keys.Where(k => !CatalogKeysAllowedToChange.Contains(k)).ToList();
            if (bad.Count > 0)
            {
                return $"the catalog's {string.Join(", ", bad.Select(k => "/" + k))} changed after signing";
            }

            if (oldDictionary["AcroForm"] is PdfDictionary oldForm && newDictionary["AcroForm"] is PdfDictionary newForm)
            {
                return AcroFormChange(number, oldForm, newForm, signed, current);
            }

            return null;
        }

        var type = oldDictionary.NameOf("Type");
        if (type == "Page" || (type is null && oldDictionary["Contents"] is not null && oldDictionary["MediaBox"] is not null))
        {
            if (keys.Any(k => k != "Annots"))
            {
                return $"page object {number}: {string.Join(", ", keys.Where(k => k != "Annots").Select(k => "/" + k))} changed after signing";
            }

            var oldAnnots = signed.Resolve(oldDictionary["Annots"]) as PdfArray ?? new PdfArray();
            var newAnnots = current.Resolve(newDictionary["Annots"]) as PdfArray ?? new PdfArray();
            return ArrayOnlyGainsSignatureFields(oldAnnots, newAnnots, current)
                ? null
                : $"page object {number}: annotations other than signature fields were added or removed after signing";
        }

        if (oldDictionary.ContainsKey("Fields") && newDictionary.ContainsKey("Fields"))
        {
            return AcroFormChange(number, oldDictionary, newDictionary, signed, current);
        }

        if (IsSignatureField(signed, oldDictionary) && oldDictionary["V"] is null)
        {
            // An empty signature field being filled: /V (and its appearance) may be added.
            return keys.All(k => k is "V" or "AP" or "F" or "Rect" or "P" or "MK")
                ? null
                : $"signature field object {number}: {string.Join(", ", keys.Select(k => "/" + k))} changed after signing";
        }

        if (type is "DSS" or "VRI")
        {
            return null;
        }

        var what = type is null ? "object" : "/" + type + " object";
        return $"{what} {number}: {string.Join(", ", keys.Select(k => "/" + k))} changed after signing";
    }

    private static string? AcroFormChange(int number, PdfDictionary oldForm, PdfDictionary newForm, PdfDocument signed, PdfDocument current)
    {
        var keys = DifferingKeys(signed, oldForm, current, newForm);
        var bad = keys.Where(k => !AcroFormKeysAllowedToChange.Contains(k)).ToList();
        if (bad.Count > 0)
        {
            return $"the interactive form's {string.Join(", ", bad.Select(k => "/" + k))} changed after signing (object {number})";
        }

        var oldFields = signed.Resolve(oldForm["Fields"]) as PdfArray ?? new PdfArray();
        var newFields = current.Resolve(newForm["Fields"]) as PdfArray ?? new PdfArray();
        return ArrayOnlyGainsSignatureFields(oldFields, newFields, current)
            ? null
            : $"form fields other than signature fields were added or removed after signing (object {number})";
    }

    private static bool ArrayOnlyGainsSignatureFields(PdfArray before, PdfArray after, PdfDocument current)
    {
        var oldItems = before.Items.Select(i => PdfObjectWriter.ToBytes(i)).ToList();
        var newItems = after.Items.Select(i => PdfObjectWriter.ToBytes(i)).ToList();
        foreach (var item in oldItems)
        {
            var index = newItems.FindIndex(n => n.AsSpan().SequenceEqual(item));
            if (index < 0)
            {
                return false; // something was removed
            }

            newItems.RemoveAt(index);
        }

        var added = after.Items.Where(i => !oldItems.Any(o => o.AsSpan().SequenceEqual(PdfObjectWriter.ToBytes(i))));
        return added.All(i => current.ResolveDictionary(i) is { } d && IsSignatureField(current, d));
    }

    private static bool IsSignatureField(PdfDocument document, PdfDictionary dictionary)
    {
        if (dictionary.NameOf("FT") == "Sig")
        {
            return true;
        }

        var parent = document.ResolveDictionary(dictionary["Parent"]);
        return parent?.NameOf("FT") == "Sig";
    }

    private static bool IsContentStream(int number, PdfDocument signed)
    {
        foreach (var (_, page) in signed.Pages())
        {
            var contents = page["Contents"];
            if (contents is PdfReference r && r.Number == number)
            {
                return true;
            }

            if (signed.Resolve(contents) is PdfArray array && array.Items.OfType<PdfReference>().Any(i => i.Number == number))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> DifferingKeys(PdfDocument leftDocument, PdfDictionary left, PdfDocument rightDocument, PdfDictionary right)
    {
        var keys = left.Entries.Select(e => e.Key).Union(right.Entries.Select(e => e.Key));
        return keys.Where(k =>
        {
            var a = left[k];
            var b = right[k];
            return a is null || b is null || !SameBytes(leftDocument, a, rightDocument, b);
        }).ToList();
    }

    private static bool SameBytes(PdfDocument leftDocument, PdfObject left, PdfDocument rightDocument, PdfObject right)
    {
        if (left is PdfStream ls && right is PdfStream rs)
        {
            return PdfObjectWriter.ToBytes(ls.Dictionary.Copy()).AsSpan().SequenceEqual(PdfObjectWriter.ToBytes(rs.Dictionary.Copy()))
                && leftDocument.RawStreamData(ls).AsSpan().SequenceEqual(rightDocument.RawStreamData(rs));
        }

        if (left is PdfStream || right is PdfStream)
        {
            return false;
        }

        return PdfObjectWriter.ToBytes(left).AsSpan().SequenceEqual(PdfObjectWriter.ToBytes(right));
    }
}
