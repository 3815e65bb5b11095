namespace SecurityKit.Signing.Pades.Validation;

/// <summary>The validation report of one PDF signature or document timestamp.</summary>
public sealed class PadesSignatureReport
{
    /// <summary>The signature field's fully qualified name.</summary>
    public required string FieldName { get; init; }

    /// <summary>"signature" or "document-timestamp".</summary>
    public required string Kind { get; init; }

    /// <summary>The /SubFilter (ETSI.CAdES.detached, ETSI.RFC3161, adbe.pkcs7.detached, …).</summary>
    public string? SubFilter { get; init; }

    /// <summary>The main indication.</summary>
    public PadesIndication Indication { get; internal set; } = PadesIndication.TotalPassed;

    /// <summary>The sub-indication of EN 319 102-1 §5.1.3 (HASH_FAILURE, SIG_CRYPTO_FAILURE, …), if not passed.</summary>
    public string? SubIndication { get; internal set; }

    /// <summary>The baseline level the signature reaches (B-B, B-T, B-LT, B-LTA), if it is a PAdES signature.</summary>
    public string? Level { get; internal set; }

    /// <summary>The signer's (or TSA's) certificate subject.</summary>
    public string? Signer { get; internal set; }

    /// <summary>The claimed signing time (/M).</summary>
    public string? ClaimedSigningTime { get; internal set; }

    /// <summary>The time of the signature timestamp or document timestamp, if any.</summary>
    public DateTimeOffset? TimestampTime { get; internal set; }

    /// <summary>Whether the byte range covers the whole file (the last signature of a document).</summary>
    public bool CoversWholeDocument { get; internal set; }

    /// <summary>The byte range as written.</summary>
    public IReadOnlyList<long> ByteRange { get; internal set; } = [];

    /// <summary>Changes appended after this signature that are not allowed (page content, annotations, fields).</summary>
    public List<string> DisallowedChanges { get; } = [];

    /// <summary>
    /// Changes appended after this signature that the document's permissions allow (form filling under DocMDP P=2/3,
    /// annotations under P=3); new signatures, document timestamps and the DSS are not listed.
    /// </summary>
    public List<string> AllowedChanges { get; } = [];

    /// <summary>The DocMDP permission, when this is the document's certification signature (ISO 32000-1 §12.8.2.2).</summary>
    public DocMdpLevel? Certification { get; init; }

    /// <summary>The same signature's report in the format shared with CAdES (certificate chain, revocation, qualification).</summary>
    public SecurityKit.Signing.Validation.SignatureReport? Result { get; internal set; }

    /// <summary>Why the indication is not TOTAL_PASSED.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Remarks that do not change the indication.</summary>
    public List<string> Warnings { get; } = [];

    internal void Fail(PadesIndication indication, string subIndication, string error)
    {
        Errors.Add(error);
        // TOTAL_FAILED outranks INDETERMINATE: keep the worst.
        if (Indication != PadesIndication.TotalFailed)
        {
            Indication = indication;
            SubIndication = subIndication;
        }
    }
}
