namespace SecurityKit.Signing.Pades.Validation;

/// <summary>The validation report of a PDF: one entry per signature and document timestamp, in signing order.</summary>
public sealed class PadesValidationReport
{
    internal PadesValidationReport(IReadOnlyList<PadesSignatureReport> signatures)
    {
        Signatures = signatures;
    }

    /// <summary>The signatures and document timestamps, oldest first.</summary>
    public IReadOnlyList<PadesSignatureReport> Signatures { get; }

    /// <summary>Whether there is at least one signature and every one is TOTAL_PASSED.</summary>
    public bool AllPassed => Signatures.Count > 0 && Signatures.All(s => s.Indication == PadesIndication.TotalPassed);
}
