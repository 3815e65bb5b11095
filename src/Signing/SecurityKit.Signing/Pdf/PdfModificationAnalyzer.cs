namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Decides whether what was appended after a signature is an allowed change under the document's permissions
/// (ISO 32000-1 §12.8.2.2 DocMDP levels, §12.8.2.4 FieldMDP; ETSI EN 319 142-1 §5.4): later signatures and their
/// fields (not under P=1), document timestamps, the DSS and its VRI entries are always fine; filling in form fields
/// that no FieldMDP lock covers is allowed from P=2 (the level of a document that is not certified); adding,
/// changing or removing annotations other than widgets only under P=3. Any other change to an object that existed
/// when the document was signed (a page's /Contents or /Resources, a content stream, a new form field, a deleted
/// object, the catalog's /Perms) is disallowed: these are the incremental-saving and shadow-attack classes
/// (Mladenov et al., "1 Trillion Dollar Refund", 2019; Mainka et al., "Shadow Attacks", 2021).
/// </summary>
internal static class PdfModificationAnalyzer
{
    private static readonly HashSet<string> CatalogKeysAllowedToChange = ["AcroForm", "DSS", "Extensions", "Version"];
    private static readonly HashSet<string> AcroFormKeysAllowedToChange = ["Fields", "SigFlags", "DR", "DA"];
    private static readonly HashSet<string> FormFillingKeys = ["V", "AS", "AP"];

    /// <summary>Describes every disallowed change between the signed revision and the whole document (approval-signature rules).</summary>
    public static List<string> FindDisallowedChanges(PdfDocument signed, PdfDocument current) => Analyze(signed, current, PdfChangePolicy.Default).Disallowed;

    /// <summary>The changes between the signed revision and the whole document, judged against <paramref name="policy"/>.</summary>
    public static PdfChanges Analyze(PdfDocument signed, PdfDocument current, PdfChangePolicy policy)
    {
        var changes = new PdfChanges();
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
            changes.Disallowed.Add("the document catalog was replaced after signing");
        }

        var context = new Context(signed, current, policy, changes);
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
                changes.Disallowed.Add($"object {number} was deleted after signing");
                continue;
            }

            if (!SameBytes(signed, before, current, after))
            {
                Classify(number, before, after, context, catalogNumber);
            }
        }

        return changes;
    }

    private sealed record Context(PdfDocument Signed, PdfDocument Current, PdfChangePolicy Policy, PdfChanges Changes)
    {
        public void Allow(string change) => Changes.Allowed.Add(change);

        public void Disallow(string change) => Changes.Disallowed.Add(change);
    }

    private static void Classify(int number, PdfObject before, PdfObject after, Context context, int catalogNumber)
    {
        var (signed, current) = (context.Signed, context.Current);
        if (before is PdfStream || after is PdfStream)
        {
            var kind = IsContentStream(number, signed) ? "page content stream" : "stream";
            context.Disallow($"{kind} (object {number}) changed after signing");
            return;
        }

        if (before is PdfArray oldArray && after is PdfArray newArray)
        {
            ArrayChange($"array object {number} (annotations or form fields)", oldArray, newArray, context);
            return;
        }

        if (before is not PdfDictionary oldDictionary || after is not PdfDictionary newDictionary)
        {
            context.Disallow($"object {number} changed after signing");
            return;
        }

        var keys = DifferingKeys(signed, oldDictionary, current, newDictionary);
        if (number == catalogNumber)
        {
            var bad = keys.Where(k => !CatalogKeysAllowedToChange.Contains(k)).ToList();
            if (bad.Count > 0)
            {
                context.Disallow($"the catalog's {string.Join(", ", bad.Select(k => "/" + k))} changed after signing");
                return;
            }

            if (oldDictionary["AcroForm"] is PdfDictionary oldForm && newDictionary["AcroForm"] is PdfDictionary newForm)
            {
                AcroFormChange(number, oldForm, newForm, context);
            }

            return;
        }

        var type = oldDictionary.NameOf("Type");
        if (type == "Page" || (type is null && oldDictionary["Contents"] is not null && oldDictionary["MediaBox"] is not null))
        {
            if (keys.Any(k => k != "Annots"))
            {
                context.Disallow($"page object {number}: {string.Join(", ", keys.Where(k => k != "Annots").Select(k => "/" + k))} changed after signing");
                return;
            }

            var oldAnnots = signed.Resolve(oldDictionary["Annots"]) as PdfArray ?? new PdfArray();
            var newAnnots = current.Resolve(newDictionary["Annots"]) as PdfArray ?? new PdfArray();
            ArrayChange($"page object {number}: annotations", oldAnnots, newAnnots, context);
            return;
        }

        if (oldDictionary.ContainsKey("Fields") && newDictionary.ContainsKey("Fields"))
        {
            AcroFormChange(number, oldDictionary, newDictionary, context);
            return;
        }

        if (IsSignatureField(signed, oldDictionary))
        {
            if (oldDictionary["V"] is null && keys.All(k => k is "V" or "AP" or "F" or "Rect" or "P" or "MK"))
            {
                // An empty signature field being filled: by a document timestamp always, by a signature from P=2 on.
                if (context.Policy.Level < 2 && !IsDocumentTimestamp(current, newDictionary))
                {
                    context.Disallow($"signature field object {number} was signed although the certification (DocMDP P=1) allows no change");
                }

                return;
            }

            context.Disallow($"signature field object {number}: {string.Join(", ", keys.Select(k => "/" + k))} changed after signing");
            return;
        }

        if (IsFormField(signed, oldDictionary))
        {
            var name = FieldName(signed, oldDictionary);
            if (context.Policy.Level < 2)
            {
                context.Disallow($"form field '{name}' changed although the certification (DocMDP P=1) allows no change");
            }
            else if (!keys.All(FormFillingKeys.Contains))
            {
                context.Disallow($"form field '{name}': {string.Join(", ", keys.Select(k => "/" + k))} changed after signing (beyond filling it in)");
            }
            else if (context.Policy.IsLocked(name))
            {
                context.Disallow($"form field '{name}' was filled in although a signature locks it (FieldMDP)");
            }
            else
            {
                context.Allow($"form field '{name}' filled in");
            }

            return;
        }

        if (IsMarkupAnnotation(oldDictionary))
        {
            if (context.Policy.Level >= 3)
            {
                context.Allow($"annotation (object {number}, /{oldDictionary.NameOf("Subtype")}) modified");
            }
            else
            {
                context.Disallow($"annotation (object {number}, /{oldDictionary.NameOf("Subtype")}) modified after signing (needs DocMDP P=3)");
            }

            return;
        }

        if (type is "DSS" or "VRI")
        {
            return;
        }

        var what = type is null ? "object" : "/" + type + " object";
        context.Disallow($"{what} {number}: {string.Join(", ", keys.Select(k => "/" + k))} changed after signing");
    }

    private static void AcroFormChange(int number, PdfDictionary oldForm, PdfDictionary newForm, Context context)
    {
        var keys = DifferingKeys(context.Signed, oldForm, context.Current, newForm);
        var bad = keys.Where(k => !AcroFormKeysAllowedToChange.Contains(k) && !(k == "NeedAppearances" && context.Policy.Level >= 2)).ToList();
        if (bad.Count > 0)
        {
            context.Disallow($"the interactive form's {string.Join(", ", bad.Select(k => "/" + k))} changed after signing (object {number})");
            return;
        }

        var oldFields = context.Signed.Resolve(oldForm["Fields"]) as PdfArray ?? new PdfArray();
        var newFields = context.Current.Resolve(newForm["Fields"]) as PdfArray ?? new PdfArray();
        ArrayChange($"form fields (object {number})", oldFields, newFields, context);
    }

    /// <summary>Judges items added to or removed from a /Fields or /Annots array.</summary>
    private static void ArrayChange(string what, PdfArray before, PdfArray after, Context context)
    {
        var (signed, current, level) = (context.Signed, context.Current, context.Policy.Level);
        var oldItems = before.Items.Select(i => PdfObjectWriter.ToBytes(i)).ToList();
        var remaining = after.Items.Select(i => (Item: i, Bytes: PdfObjectWriter.ToBytes(i))).ToList();
        foreach (var (item, bytes) in before.Items.Zip(oldItems))
        {
            var index = remaining.FindIndex(n => n.Bytes.AsSpan().SequenceEqual(bytes));
            if (index >= 0)
            {
                remaining.RemoveAt(index);
                continue;
            }

            if (level >= 3 && signed.ResolveDictionary(item) is { } removed && IsMarkupAnnotation(removed))
            {
                context.Allow($"{what}: a /{removed.NameOf("Subtype")} annotation removed");
            }
            else
            {
                context.Disallow($"{what}: an entry was removed after signing");
            }
        }

        foreach (var (item, _) in remaining)
        {
            var added = current.ResolveDictionary(item);
            if (added is not null && IsSignatureField(current, added))
            {
                if (level < 2 && !IsDocumentTimestamp(current, added))
                {
                    context.Disallow($"{what}: a signature was added although the certification (DocMDP P=1) allows no change");
                }
            }
            else if (added is not null && IsMarkupAnnotation(added))
            {
                if (level >= 3)
                {
                    context.Allow($"{what}: a /{added.NameOf("Subtype")} annotation added");
                }
                else
                {
                    context.Disallow($"{what}: a /{added.NameOf("Subtype")} annotation was added after signing (needs DocMDP P=3)");
                }
            }
            else
            {
                context.Disallow($"{what}: something other than a signature field or annotation was added after signing");
            }
        }
    }

    private static bool IsDocumentTimestamp(PdfDocument document, PdfDictionary field)
    {
        var value = document.ResolveDictionary(field["V"]) ?? document.ResolveDictionary(document.ResolveDictionary(field["Parent"])?["V"]);
        return value is not null && (value.NameOf("Type") == "DocTimeStamp" || value.NameOf("SubFilter") == "ETSI.RFC3161");
    }

    // An annotation that is not a form field's widget (ISO 32000-1 §12.5.6): text, highlight, stamp, ...
    private static bool IsMarkupAnnotation(PdfDictionary dictionary) =>
        dictionary.NameOf("Subtype") is { } subtype && subtype != "Widget"
        && (dictionary.NameOf("Type") is null or "Annot") && dictionary["Rect"] is not null && dictionary["FT"] is null;

    // A non-signature form field or its widget (ISO 32000-1 §12.7.3): it or an ancestor has /FT.
    private static bool IsFormField(PdfDocument document, PdfDictionary dictionary)
    {
        var current = dictionary;
        for (var depth = 0; current is not null && depth < 32; depth++)
        {
            if (current.NameOf("FT") is { } type)
            {
                return type != "Sig";
            }

            current = document.ResolveDictionary(current["Parent"]);
        }

        return false;
    }

    // The fully qualified field name (ISO 32000-1 §12.7.3.2): the /T of the field and its ancestors, dot-joined.
    private static string FieldName(PdfDocument document, PdfDictionary dictionary)
    {
        var parts = new List<string>();
        var current = dictionary;
        for (var depth = 0; current is not null && depth < 32; depth++)
        {
            if (document.Resolve(current["T"]) is PdfString t)
            {
                parts.Insert(0, t.Text);
            }

            current = document.ResolveDictionary(current["Parent"]);
        }

        return string.Join('.', parts);
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
