namespace SecurityKit.Signing.Batch;

/// <summary>
/// A device whose signatures of one session succeed or fail one by one, as with a PIN per signature: the engine
/// assembles the signatures made, fails the refused documents with their reason and leaves the documents not
/// attempted pending. <see cref="BatchService.SignAsync"/> prefers <see cref="SignEachAsync"/> over
/// <see cref="IBatchSigningDevice.SignAllAsync"/> (all or nothing) when a device implements both.
/// </summary>
public interface IPerSignatureBatchDevice : IBatchSigningDevice
{
    /// <summary>Makes the signatures of <paramref name="requests"/> in order, one outcome per request.</summary>
    /// <param name="requests">The signatures to make.</param>
    /// <param name="cancellationToken">Cancels the session.</param>
    /// <returns>One outcome per request, in order.</returns>
    /// <exception cref="SecurityKitException">The device failed before any signature (token absent, session login
    /// refused): every document stays pending.</exception>
    Task<IReadOnlyList<BatchSignatureOutcome>> SignEachAsync(IReadOnlyList<BatchSignatureRequest> requests, CancellationToken cancellationToken = default);
}
