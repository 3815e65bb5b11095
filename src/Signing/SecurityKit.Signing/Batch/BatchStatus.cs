namespace SecurityKit.Signing.Batch;

/// <summary>A batch's progress: each document's outcome (in definition order) and every step.</summary>
/// <param name="BatchId">Batch id.</param>
/// <param name="Documents">Per document: signed, failed, rejected, cancelled or pending, with the signatures done.</param>
/// <param name="Steps">Per (document, signatory): status and reason.</param>
public sealed record BatchStatus(string BatchId, IReadOnlyList<BatchDocumentResult> Documents, IReadOnlyList<BatchStep> Steps);
