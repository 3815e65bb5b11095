namespace SecurityKit.Signing.Batch;

/// <summary>Outcome of one document (the <c>documents</c> entries of the summary in CONTRACTS.md).</summary>
/// <param name="Id">Document id.</param>
/// <param name="Status">Signed when all due signatures are on the output, failed/rejected with a reason, else pending.</param>
/// <param name="Signatures">Number of due signatures done.</param>
/// <param name="Error">Reason when failed or rejected.</param>
public sealed record BatchDocumentResult(string Id, BatchStepStatus Status, int Signatures, string? Error);
