namespace SecurityKit.Signing.Batch;

/// <summary>One signature a device must make in a batch session.</summary>
/// <param name="Document">Document id (for the device's display and audit).</param>
/// <param name="DataToSign">The DER signed attributes (what a device that hashes itself signs).</param>
/// <param name="Digest">The SHA-256 of <paramref name="DataToSign"/> (what a device that signs a hash signs).</param>
public sealed record BatchSignatureRequest(string Document, ReadOnlyMemory<byte> DataToSign, ReadOnlyMemory<byte> Digest)
{
    /// <summary>The batch, when the request comes from <see cref="BatchService"/> (for a PIN prompt's display).</summary>
    public string? BatchId { get; init; }

    /// <summary>The signatory, when the request comes from <see cref="BatchService"/>.</summary>
    public string? Signatory { get; init; }
}
