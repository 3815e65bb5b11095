namespace SecurityKit.Signing.Batch;

/// <summary>
/// What a PIN is asked for, so that the client can tell the signatory which document the PIN will sign ("document 3
/// of 12: opinion avis-13"). Holds no secret.
/// </summary>
/// <param name="Kind">A session login or one signature.</param>
/// <param name="BatchId">Batch id, when the device is driven by <see cref="BatchService"/>.</param>
/// <param name="Signatory">Signatory id, when known.</param>
/// <param name="Document">The document the PIN signs (null for a session login).</param>
/// <param name="Index">Zero-based position of the signature in the session (0 for a session login).</param>
/// <param name="Count">Number of signatures in the session.</param>
public sealed record BatchPinRequest(BatchPinKind Kind, string? BatchId, string? Signatory, string? Document, int Index, int Count);
