namespace SecurityKit.Signing.Validation;

/// <summary>
/// The validation report of one signature (in the spirit of ETSI EN 319 102-1 §5.1.3 and the DSS simple report):
/// indication and sub-indication, with the evidence that led to them.
/// </summary>
public sealed class SignatureReport
{
    /// <summary>A stable identifier within the document: <c>S1</c>, <c>S2</c>, counter-signatures <c>S1-C1</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The format and level reached, e.g. <c>CAdES-BASELINE-T</c> or <c>PAdES-BASELINE-B</c>.</summary>
    public string? Format { get; set; }

    /// <summary>The main result.</summary>
    public Indication Indication { get; set; } = Indication.TotalPassed;

    /// <summary>Why it did not pass, or <see langword="null"/>.</summary>
    public SubIndication? SubIndication { get; set; }

    /// <summary>The signature this one counter-signs, for a counter-signature.</summary>
    public string? CounterSignatureOf { get; init; }

    /// <summary>The signing certificate, if found.</summary>
    public CertificateReport? Signer { get; set; }

    /// <summary>The signature algorithm's name or OID.</summary>
    public string? SignatureAlgorithm { get; set; }

    /// <summary>The claimed signing time (signing-time attribute, or the PDF's /M).</summary>
    public DateTimeOffset? ClaimedSigningTime { get; set; }

    /// <summary>The earliest time the signature is proven to have existed (a valid signature timestamp), if any.</summary>
    public DateTimeOffset? ProvenSigningTime { get; set; }

    /// <summary>The path from the signer to a trust anchor.</summary>
    public List<CertificateReport> CertificateChain { get; } = [];

    /// <summary>Timestamps found on the signature.</summary>
    public List<TimestampReport> Timestamps { get; } = [];

    /// <summary>Revocation data used.</summary>
    public List<RevocationReport> Revocation { get; } = [];

    /// <summary>The signer certificate's qualification claims.</summary>
    public QualificationReport? Qualification { get; set; }

    /// <summary>Everything that failed, in plain words.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Things worth knowing that did not fail the validation.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// Records a failure. The first TOTAL_FAILED wins over any INDETERMINATE (EN 319 102-1 §5.1.3: a proven failure
    /// is final); among results of the same indication the first one recorded stays.
    /// </summary>
    public void Fail(Indication indication, SubIndication subIndication, string message)
    {
        Errors.Add(message);
        if (Indication == Indication.TotalPassed || (indication == Indication.TotalFailed && Indication == Indication.Indeterminate))
        {
            Indication = indication;
            SubIndication = subIndication;
        }
    }
}
