using System.Diagnostics.CodeAnalysis;

namespace SecurityKit.Signing.Batch;

/// <summary>Status of one (document, signatory) step or of one document.</summary>
public enum BatchStepStatus
{
    /// <summary>Not signed yet.</summary>
    Pending,

    /// <summary>Signed.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "The status name of CONTRACTS.md, not a type.")]
    Signed,

    /// <summary>Failed, with a reason; retried when the batch runs again (the cause may be gone).</summary>
    Failed,

    /// <summary>Rejected by the signatory, with a reason; final.</summary>
    Rejected,

    /// <summary>Cancelled (the document or the whole batch was withdrawn), with a reason; final.</summary>
    Cancelled,
}
