using System.Text;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Puts a signature value into the interactive form (ISO 32000-1 §12.7 and §12.7.4.5): fills an existing empty
/// signature field, or creates a field merged with its widget annotation on a page, adds it to the page's /Annots and
/// to /AcroForm /Fields, and sets /SigFlags 3 (SignaturesExist | AppendOnly, §12.7.2 table 219).
/// </summary>
internal static class PdfSignatureFieldPlacement
{
    /// <summary>Widget flags: Print (bit 3) and Locked (bit 8), §12.5.3 table 165.</summary>
    private const int WidgetFlags = 4 | 128;

    /// <summary>
    /// Adds to <paramref name="update"/> everything that makes <paramref name="signatureValue"/> the value of a
    /// signature field; returns the field's name.
    /// </summary>
    public static string Place(
        PdfDocument document,
        PdfIncrementalUpdate update,
        PdfReference signatureValue,
        string? fieldName,
        int pageIndex,
        double[] rectangle,
        PdfReference? appearance,
        Action<PdfDictionary>? editCatalog = null)
    {
        var catalog = document.Catalog.Copy();
        var catalogChanged = false;
        if (editCatalog is not null)
        {
            editCatalog(catalog);
            catalogChanged = true;
        }

        PdfDictionary acroForm;
        PdfReference? acroFormReference = null;
        switch (catalog["AcroForm"])
        {
            case PdfReference r when document.ResolveDictionary(r) is { } existing:
                acroForm = existing.Copy();
                acroFormReference = update.ReferenceOf(r.Number);
                break;
            case PdfDictionary inline:
                acroForm = inline.Copy();
                catalog["AcroForm"] = acroForm;
                catalogChanged = true;
                break;
            default:
                acroForm = new PdfDictionary();
                acroFormReference = update.Allocate();
                catalog["AcroForm"] = acroFormReference;
                catalogChanged = true;
                break;
        }

        var (fields, fieldsReference) = EditableArray(document, update, acroForm["Fields"]);
        var existingFields = AllFields(document, fields);
        string name;
        var existingField = existingFields.FirstOrDefault(f => fieldName is not null && f.Name == fieldName);
        if (existingField.Reference is not null)
        {
            name = existingField.Name;
            var field = existingField.Field;
            if (field.NameOf("FT") != "Sig")
            {
                throw new PdfFormatException($"field '{name}' is not a signature field", $"object {existingField.Reference.Number}");
            }

            if (field["V"] is not null)
            {
                throw new PdfFormatException($"field '{name}' already holds a signature", $"object {existingField.Reference.Number}");
            }

            var filled = field.Copy();
            filled["V"] = signatureValue;
            if (appearance is not null)
            {
                filled["AP"] = new PdfDictionary { ["N"] = appearance };
            }

            update.Set(existingField.Reference, filled);
        }
        else
        {
            name = fieldName ?? FreeName(existingFields);
            var pages = document.Pages();
            if (pages.Count == 0)
            {
                throw new PdfFormatException("the document has no pages", "catalog /Pages");
            }

            if (pageIndex < 0 || pageIndex >= pages.Count)
            {
                throw new PdfFormatException($"page {pageIndex + 1} does not exist (the document has {pages.Count})", "page");
            }

            var (pageReference, page) = pages[pageIndex];
            var widgetReference = update.Allocate();
            var widget = new PdfDictionary
            {
                ["Type"] = new PdfName("Annot"),
                ["Subtype"] = new PdfName("Widget"),
                ["FT"] = new PdfName("Sig"),
                ["T"] = new PdfString(TextString(name), hex: false),
                ["V"] = signatureValue,
                ["F"] = new PdfNumber(WidgetFlags),
                ["Rect"] = new PdfArray(rectangle.Select(v => (PdfObject)new PdfNumber(Number(v)))),
                ["P"] = pageReference,
            };
            if (appearance is not null)
            {
                widget["AP"] = new PdfDictionary { ["N"] = appearance };
            }

            update.Set(widgetReference, widget);
            fields.Items.Add(widgetReference);

            var editablePage = page.Copy();
            var (annots, annotsReference) = EditableArray(document, update, editablePage["Annots"]);
            annots.Items.Add(widgetReference);
            if (annotsReference is not null)
            {
                update.Set(annotsReference, annots);
            }
            else
            {
                editablePage["Annots"] = annots;
                update.Set(update.ReferenceOf(pageReference.Number), editablePage);
            }
        }

        if (fieldsReference is not null)
        {
            update.Set(fieldsReference, fields);
        }
        else
        {
            acroForm["Fields"] = fields;
        }

        acroForm["SigFlags"] = new PdfNumber(3);
        if (acroFormReference is not null)
        {
            update.Set(acroFormReference, acroForm);
        }

        if (catalogChanged)
        {
            update.Set(update.ReferenceOf(document.CatalogReference.Number), catalog);
        }

        return name;
    }

    /// <summary>
    /// A copy of an array that may be direct or indirect; for an indirect one, the reference to rewrite it under.
    /// </summary>
    public static (PdfArray Array, PdfReference? Reference) EditableArray(PdfDocument document, PdfIncrementalUpdate update, PdfObject? value) =>
        value switch
        {
            PdfReference r when document.Resolve(r) is PdfArray a => (new PdfArray(a.Items), update.ReferenceOf(r.Number)),
            PdfArray a => (new PdfArray(a.Items), null),
            _ => (new PdfArray(), null),
        };

    /// <summary>Every terminal field with its fully qualified name (§12.7.3.2), walking /Kids.</summary>
    public static List<(string Name, PdfReference Reference, PdfDictionary Field)> AllFields(PdfDocument document, PdfArray fields)
    {
        var result = new List<(string, PdfReference, PdfDictionary)>();
        var visited = new HashSet<int>();
        void Walk(PdfObject item, string prefix, int depth)
        {
            if (item is not PdfReference reference || !visited.Add(reference.Number) || depth > 32)
            {
                return;
            }

            if (document.ResolveDictionary(reference) is not { } field)
            {
                return;
            }

            var partial = (field["T"] as PdfString)?.Text;
            var name = partial is null ? prefix : prefix.Length == 0 ? partial : prefix + "." + partial;
            var kids = document.Resolve(field["Kids"]) as PdfArray;
            var kidFields = kids?.Items.Where(k => document.ResolveDictionary(k)?["T"] is not null).ToList() ?? [];
            if (kidFields.Count > 0)
            {
                foreach (var kid in kidFields)
                {
                    Walk(kid, name, depth + 1);
                }
            }
            else
            {
                result.Add((name, reference, InheritFieldType(document, field)));
            }
        }

        foreach (var item in fields.Items)
        {
            Walk(item, string.Empty, 0);
        }

        return result;
    }

    private static PdfDictionary InheritFieldType(PdfDocument document, PdfDictionary field)
    {
        // /FT is inheritable (§12.7.3.1): take it from the parent when the terminal field does not carry it.
        if (field["FT"] is not null)
        {
            return field;
        }

        var parent = document.ResolveDictionary(field["Parent"]);
        for (var i = 0; parent is not null && i < 32; i++, parent = document.ResolveDictionary(parent["Parent"]))
        {
            if (parent["FT"] is { } ft)
            {
                var copy = field.Copy();
                copy["FT"] = ft;
                return copy;
            }
        }

        return field;
    }

    private static string FreeName(List<(string Name, PdfReference Reference, PdfDictionary Field)> fields)
    {
        for (var i = 1; ; i++)
        {
            var candidate = "Signature" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (fields.All(f => f.Name != candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>A text string (§7.9.2.2): Latin-1 when it fits, else UTF-16BE with a byte order mark.</summary>
    public static byte[] TextString(string text) =>
        text.All(c => c is >= ' ' and <= '~')
            ? Encoding.ASCII.GetBytes(text)
            : [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)];

    public static string Number(double value) =>
        Math.Round(value, 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
