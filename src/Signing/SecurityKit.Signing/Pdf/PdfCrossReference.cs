namespace SecurityKit.Signing.Pdf;

/// <summary>Where an object lives (ISO 32000-1 §7.5.4 and §7.5.8.3, cross-reference entry types 0, 1 and 2).</summary>
internal enum PdfObjectLocationKind
{
    Free,
    InFile,
    InObjectStream,
}

/// <summary>
/// One cross-reference entry: a free entry; an object at a byte offset with its generation; or an object at an index
/// inside an object stream.
/// </summary>
internal readonly record struct PdfObjectLocation(PdfObjectLocationKind Kind, long OffsetOrStream, int GenerationOrIndex);

/// <summary>
/// One cross-reference section with its trailer: a classic table (§7.5.4, with a hybrid file's /XRefStm merged in) or
/// a cross-reference stream (§7.5.8). Each incremental update adds one.
/// </summary>
internal sealed class PdfCrossReferenceSection(long offset, bool isStream, PdfDictionary trailer, Dictionary<int, PdfObjectLocation> entries)
{
    /// <summary>Byte offset of the section (the value of the startxref or /Prev that leads to it).</summary>
    public long Offset { get; } = offset;

    /// <summary>Whether this section is a cross-reference stream (else a classic table).</summary>
    public bool IsStream { get; } = isStream;

    /// <summary>The trailer dictionary (a stream's dictionary for a cross-reference stream).</summary>
    public PdfDictionary Trailer { get; } = trailer;

    /// <summary>The objects this section defines.</summary>
    public IReadOnlyDictionary<int, PdfObjectLocation> Entries { get; } = entries;
}
