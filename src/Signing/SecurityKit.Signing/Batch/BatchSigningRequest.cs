namespace SecurityKit.Signing.Batch;

/// <summary>
/// What an external signer must sign for one signatory's session, and how often its device must be activated: once
/// for the whole list, or once per document for a card whose key demands a PIN per signature (the eID card) — the
/// client then collects <see cref="ActivationsRequired"/> PINs; one PIN never covers the batch.
/// </summary>
/// <param name="BatchId">Batch id.</param>
/// <param name="Signatory">Signatory id.</param>
/// <param name="Activation">Per session or per signature.</param>
/// <param name="ActivationsRequired">PIN entries or authorisations the client must collect.</param>
/// <param name="SigningTime">The session's signing time, carried by every data to sign.</param>
/// <param name="Items">One data to sign per document due now.</param>
public sealed record BatchSigningRequest(string BatchId, string Signatory, BatchActivation Activation, int ActivationsRequired, DateTimeOffset SigningTime, IReadOnlyList<BatchDataToSign> Items);
