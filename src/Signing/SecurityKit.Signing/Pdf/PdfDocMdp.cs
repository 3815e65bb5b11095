namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Reads a document's modification permissions: the certification signature (catalog /Perms /DocMDP, or a
/// signature dictionary with a DocMDP /Reference; ISO 32000-1 §12.8.2.2) and its /P, and each signature's FieldMDP
/// transform or its field's /Lock (§12.8.2.4, §12.7.4.5).
/// </summary>
internal sealed class PdfDocMdp
{
    private readonly List<PdfFieldLock?> locks;

    private PdfDocMdp(int? certificationIndex, int? permission, List<PdfFieldLock?> locks)
    {
        CertificationIndex = certificationIndex;
        Level = permission;
        this.locks = locks;
    }

    /// <summary>The index (in signing order) of the certification signature, if any.</summary>
    public int? CertificationIndex { get; }

    /// <summary>The certification's /P (1, 2 or 3), if certified.</summary>
    public int? Level { get; }

    public Pades.DocMdpLevel? Permission => Level is { } p ? (Pades.DocMdpLevel)p : null;

    public static PdfDocMdp Read(PdfDocument document, IReadOnlyList<PdfSignatureInfo> signatures)
    {
        int? certification = null;
        int? permission = null;
        var perms = document.ResolveDictionary(document.Catalog["Perms"]);
        var docMdp = perms?["DocMDP"] as PdfReference;
        var fieldLocks = new List<PdfFieldLock?>();
        for (var i = 0; i < signatures.Count; i++)
        {
            var signature = signatures[i];
            PdfFieldLock? fieldLock = null;
            foreach (var reference in References(document, signature.Dictionary))
            {
                var method = reference.NameOf("TransformMethod");
                var parameters = document.ResolveDictionary(reference["TransformParams"]);
                if (method == "DocMDP" && certification is null)
                {
                    certification = i;
                    permission = P(document, parameters);
                }
                else if (method == "FieldMDP" && parameters is not null)
                {
                    fieldLock = Lock(document, parameters);
                }
            }

            if (docMdp is not null && signature.Value?.Number == docMdp.Number && certification is null)
            {
                certification = i;
                permission = 2;
            }

            var field = document.ResolveDictionary(signature.Field);
            if (fieldLock is null && field is not null && document.ResolveDictionary(field["Lock"]) is { } lockDictionary)
            {
                fieldLock = Lock(document, lockDictionary);
            }

            fieldLocks.Add(fieldLock);
        }

        return new PdfDocMdp(certification, permission, fieldLocks);
    }

    /// <summary>The DocMDP level of an already signed document, or null when it is not certified.</summary>
    public static int? CertificationLevel(PdfDocument document, IReadOnlyList<PdfSignatureInfo> signatures) => Read(document, signatures).Level;

    /// <summary>The policy for the changes made after signature <paramref name="index"/>.</summary>
    public PdfChangePolicy PolicyAfter(int index)
    {
        // The certification is the first signature (ISO 32000-1 §12.8.2.2.1), so it governs every later revision.
        var level = CertificationIndex is { } c && c <= index ? Level : null;
        return new PdfChangePolicy(level, [.. locks.Take(index + 1).OfType<PdfFieldLock>()]);
    }

    private static IEnumerable<PdfDictionary> References(PdfDocument document, PdfDictionary signature) =>
        document.Resolve(signature["Reference"]) is PdfArray array
            ? array.Items.Select(document.ResolveDictionary).OfType<PdfDictionary>()
            : [];

    // ISO 32000-1 table 254: /P defaults to 2; a value outside 1..3 is read as 1, the strictest.
    private static int P(PdfDocument document, PdfDictionary? parameters) =>
        parameters is null ? 2
        : document.Resolve(parameters["P"]) is PdfNumber n ? (n.AsLong() is >= 1 and <= 3 and var p ? (int)p : 1)
        : 2;

    private static PdfFieldLock Lock(PdfDocument document, PdfDictionary parameters)
    {
        var action = parameters.NameOf("Action") ?? "All";
        var fields = document.Resolve(parameters["Fields"]) is PdfArray array
            ? array.Items.Select(document.Resolve).OfType<PdfString>().Select(s => s.Text).ToHashSet(StringComparer.Ordinal)
            : [];
        return new PdfFieldLock(action, fields);
    }
}
