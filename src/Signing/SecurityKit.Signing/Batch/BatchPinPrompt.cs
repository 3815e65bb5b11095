namespace SecurityKit.Signing.Batch;

/// <summary>An <see cref="IBatchPinPrompt"/> from a delegate.</summary>
/// <param name="prompt">Asks for one PIN (see <see cref="IBatchPinPrompt.GetPinAsync"/>).</param>
public sealed class BatchPinPrompt(Func<BatchPinRequest, CancellationToken, ValueTask<ReadOnlyMemory<char>>> prompt) : IBatchPinPrompt
{
    /// <inheritdoc/>
    public ValueTask<ReadOnlyMemory<char>> GetPinAsync(BatchPinRequest request, CancellationToken cancellationToken) => prompt(request, cancellationToken);
}
