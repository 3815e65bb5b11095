namespace SecurityKit.Signing.Batch;

/// <summary>
/// A status change of one document of a batch, for a portal's progress view: the step that changed and the
/// document's status after the change.
/// </summary>
/// <param name="BatchId">Batch id.</param>
/// <param name="Document">Document id.</param>
/// <param name="Signatory">The signatory whose step changed.</param>
/// <param name="StepStatus">The step's new status.</param>
/// <param name="DocumentStatus">The document's status after the change (signed only when every due signature is on it).</param>
/// <param name="Signatures">Due signatures done on the document.</param>
/// <param name="Reason">Reason when failed, rejected or cancelled.</param>
/// <param name="OccurredAt">When the change was stored.</param>
public sealed record BatchEvent(
    string BatchId,
    string Document,
    string Signatory,
    BatchStepStatus StepStatus,
    BatchStepStatus DocumentStatus,
    int Signatures,
    string? Reason,
    DateTimeOffset OccurredAt)
{
    /// <summary>What the event reports: a status change (default) or a signatory rebound to another certificate.</summary>
    public BatchEventKind Kind { get; init; } = BatchEventKind.StatusChanged;
}
