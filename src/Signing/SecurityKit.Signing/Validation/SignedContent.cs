using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Validation;

/// <summary>
/// The content a detached signature covers, digested on demand (once per algorithm) as a stream — a 2 GB file is
/// never held in memory. PAdES passes the signed byte ranges through <see cref="FromStreamFactory"/>.
/// </summary>
public sealed class SignedContent
{
    private readonly Func<Stream>? _open;
    private readonly Dictionary<string, byte[]> _digests = new(StringComparer.Ordinal);

    private SignedContent(Func<Stream>? open)
    {
        _open = open;
    }

    /// <summary>Content read from a file.</summary>
    public static SignedContent FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new SignedContent(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
    }

    /// <summary>Content from a stream factory; each call must return a fresh stream over the same bytes.</summary>
    public static SignedContent FromStreamFactory(Func<Stream> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return new SignedContent(open);
    }

    /// <summary>Content in memory.</summary>
    public static SignedContent FromBytes(ReadOnlyMemory<byte> content) =>
        new(() => new MemoryStream(content.ToArray(), writable: false));

    /// <summary>Only a digest is known (computed by the caller with <paramref name="algorithm"/>).</summary>
    public static SignedContent FromDigest(DigestAlgorithm algorithm, ReadOnlySpan<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var content = new SignedContent(null);
        content._digests[algorithm.Oid] = digest.ToArray();
        return content;
    }

    /// <summary>The content's digest with <paramref name="algorithm"/>, or <see langword="null"/> when only another digest is known.</summary>
    public async ValueTask<byte[]?> DigestAsync(DigestAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (_digests.TryGetValue(algorithm.Oid, out var known))
        {
            return known;
        }

        if (_open is null)
        {
            return null;
        }

        var stream = _open();
        await using (stream.ConfigureAwait(false))
        {
            var digest = await algorithm.ComputeAsync(stream, cancellationToken).ConfigureAwait(false);
            _digests[algorithm.Oid] = digest;
            return digest;
        }
    }
}
