namespace SecurityKit.Signing.Pades.Validation;

/// <summary>The main status indication of a validation (ETSI EN 319 102-1 §5.1.3).</summary>
public enum PadesIndication
{
    /// <summary>TOTAL_PASSED: every check passed.</summary>
    TotalPassed,

    /// <summary>TOTAL_FAILED: the signature is invalid (broken, tampered, revoked, disallowed changes).</summary>
    TotalFailed,

    /// <summary>INDETERMINATE: the checks could not conclude (no trusted chain, revocation unavailable, …).</summary>
    Indeterminate,
}
