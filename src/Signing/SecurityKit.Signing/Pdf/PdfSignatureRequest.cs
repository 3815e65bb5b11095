namespace SecurityKit.Signing.Pdf;

/// <summary>What the signature dictionary and its field say (ISO 32000-1 §12.8.1 table 252, ETSI EN 319 142-1 §5.3).</summary>
internal sealed class PdfSignatureRequest
{
    /// <summary>/Type: Sig, or DocTimeStamp for a document timestamp (ISO 32000-2 §12.8.5).</summary>
    public string Type { get; init; } = "Sig";

    /// <summary>/SubFilter: ETSI.CAdES.detached or ETSI.RFC3161.</summary>
    public string SubFilter { get; init; } = "ETSI.CAdES.detached";

    /// <summary>/M, the signing time (EN 319 142-1 §5.3: the claimed signing time is /M, not a CMS attribute).</summary>
    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>
    /// The DocMDP /P of a certification signature (ISO 32000-1 §12.8.2.2: 1, 2 or 3); null for an approval signature.
    /// </summary>
    public int? CertificationPermission { get; init; }

    public string? Name { get; init; }

    public string? Reason { get; init; }

    public string? Location { get; init; }

    public string? ContactInfo { get; init; }

    /// <summary>The field to fill or create; a free "SignatureN" name when null.</summary>
    public string? FieldName { get; init; }

    /// <summary>Zero-based page of the widget.</summary>
    public int PageIndex { get; init; }

    /// <summary>Widget rectangle [llx lly urx ury]; [0 0 0 0] for an invisible signature.</summary>
    public double[] Rectangle { get; init; } = [0, 0, 0, 0];

    /// <summary>The user or owner password of an encrypted PDF; null for a PDF that is not encrypted.</summary>
    public string? Password { get; init; }

    /// <summary>Bytes reserved for the DER signature (the /Contents string holds twice as many hex digits).</summary>
    public int ContentsCapacity { get; init; } = 16 * 1024;

    /// <summary>Adds the appearance stream objects and returns the reference of the normal appearance, if visible.</summary>
    public Func<PdfDocument, PdfIncrementalUpdate, PdfReference?>? Appearance { get; init; }
}
