namespace SecurityKit.Signing.Batch;

/// <summary>
/// Collects PINs from the signatory (a terminal prompt, a browser dialog relayed by the portal, a PIN pad driver)
/// for <see cref="Pkcs11BatchDevice"/>: once per signature for a key that demands it (CKA_ALWAYS_AUTHENTICATE, the
/// Belgian eID card's signature key), once per session for the user login when no PIN is configured.
/// </summary>
public interface IBatchPinPrompt
{
    /// <summary>Asks for one PIN.</summary>
    /// <param name="request">What the PIN is for.</param>
    /// <param name="cancellationToken">Cancels the prompt (the batch run is stopping).</param>
    /// <returns>The PIN. An empty PIN, or an <see cref="OperationCanceledException"/> while
    /// <paramref name="cancellationToken"/> is not cancelled, means the signatory declined: the session stops and the
    /// documents not signed yet stay pending.</returns>
    ValueTask<ReadOnlyMemory<char>> GetPinAsync(BatchPinRequest request, CancellationToken cancellationToken);
}
