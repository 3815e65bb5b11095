using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Timestamps;

/// <summary>Obtains RFC 3161 timestamps over a digest (signature timestamps, archive and document timestamps).</summary>
public interface ITimestampClient
{
    /// <summary>The digest algorithm this client's TSA expects for message imprints.</summary>
    DigestAlgorithm DigestAlgorithm { get; }

    /// <summary>Timestamps <paramref name="digest"/>, computed with <see cref="DigestAlgorithm"/>.</summary>
    /// <exception cref="TimestampException">The TSA is unreachable, refuses, or answers something that does not verify.</exception>
    Task<TimestampToken> GetTimestampAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default);
}
