namespace SecurityKit.Signing.Batch;

/// <summary>One due signature: <paramref name="Signatory"/> on <paramref name="Document"/>, the
/// <paramref name="Sequence"/>-th (from 0) in that document's signing order.</summary>
/// <param name="Document">Document id.</param>
/// <param name="Signatory">Signatory id.</param>
/// <param name="Sequence">Position among the document's due signatures.</param>
/// <param name="Status">Status.</param>
/// <param name="Error">Reason when failed, rejected or cancelled.</param>
public sealed record BatchStep(string Document, string Signatory, int Sequence, BatchStepStatus Status, string? Error);
