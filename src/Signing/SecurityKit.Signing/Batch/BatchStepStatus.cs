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

    /// <summary>Failed, with a reason.</summary>
    Failed,

    /// <summary>Rejected by the signatory, with a reason.</summary>
    Rejected,
}
