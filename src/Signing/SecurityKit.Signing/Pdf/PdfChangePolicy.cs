namespace SecurityKit.Signing.Pdf;

/// <summary>
/// A FieldMDP lock (ISO 32000-1 §12.8.2.4 table 255, and a signature field's /Lock, §12.7.4.5 table 233): which form
/// fields a signature forbids to change afterwards.
/// </summary>
/// <param name="Action">All, Include or Exclude.</param>
/// <param name="Fields">The fully qualified field names the action refers to.</param>
internal sealed record PdfFieldLock(string Action, IReadOnlySet<string> Fields)
{
    public bool Locks(string fieldName) => Action switch
    {
        "All" => true,
        "Include" => Fields.Contains(fieldName),
        "Exclude" => !Fields.Contains(fieldName),
        _ => true, // an unknown action: the strictest reading
    };
}

/// <summary>
/// What may change after a given signature: the DocMDP level of the document's certification signature
/// (ISO 32000-1 §12.8.2.2 table 254: 1 = nothing, 2 = form filling and signing, 3 = also annotations), or level 2
/// for a document that is not certified, and the FieldMDP locks of this and every earlier signature. Adding a DSS
/// or a document timestamp is never a change (ISO 32000-2 §12.8.2.2.2).
/// </summary>
internal sealed record PdfChangePolicy(int? DocMdp, IReadOnlyList<PdfFieldLock> Locks)
{
    public static PdfChangePolicy Default { get; } = new(null, []);

    /// <summary>The DocMDP level in force: the certification's, or 2 for approval signatures only.</summary>
    public int Level => DocMdp ?? 2;

    public bool IsLocked(string fieldName) => Locks.Any(l => l.Locks(fieldName));

    public string Describe() => DocMdp is { } p ? $"the certification (DocMDP P={p})" : "approval signatures (form filling and signing)";
}
