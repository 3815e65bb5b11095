using System.Security.Cryptography;

namespace SecurityKit.Signing.Algorithms;

/// <summary>
/// A message digest algorithm usable in CMS (RFC 5754 §2). Signed-attribute digests, ESS certificate hashes and
/// timestamp imprints all use these.
/// </summary>
/// <remarks>
/// | name    | OID                        | output |
/// |---------|----------------------------|--------|
/// | SHA-256 | 2.16.840.1.101.3.4.2.1     | 32     |
/// | SHA-384 | 2.16.840.1.101.3.4.2.2     | 48     |
/// | SHA-512 | 2.16.840.1.101.3.4.2.3     | 64     |
/// SHA-1 and MD5 are recognised only to reject them by name during validation (EN 319 102-1 cryptographic constraints).
/// </remarks>
public sealed class DigestAlgorithm : IEquatable<DigestAlgorithm>
{
    /// <summary>SHA-256 (FIPS 180-4).</summary>
    public static readonly DigestAlgorithm Sha256 = new("SHA-256", "2.16.840.1.101.3.4.2.1", HashAlgorithmName.SHA256, 32);

    /// <summary>SHA-384 (FIPS 180-4).</summary>
    public static readonly DigestAlgorithm Sha384 = new("SHA-384", "2.16.840.1.101.3.4.2.2", HashAlgorithmName.SHA384, 48);

    /// <summary>SHA-512 (FIPS 180-4).</summary>
    public static readonly DigestAlgorithm Sha512 = new("SHA-512", "2.16.840.1.101.3.4.2.3", HashAlgorithmName.SHA512, 64);

    private DigestAlgorithm(string name, string oid, HashAlgorithmName hashName, int size)
    {
        Name = name;
        Oid = oid;
        HashName = hashName;
        SizeInBytes = size;
    }

    /// <summary>The algorithm's usual name (<c>SHA-256</c>).</summary>
    public string Name { get; }

    /// <summary>The algorithm's object identifier, dotted.</summary>
    public string Oid { get; }

    /// <summary>The platform's name for it.</summary>
    public HashAlgorithmName HashName { get; }

    /// <summary>Length of a digest in bytes.</summary>
    public int SizeInBytes { get; }

    /// <summary>Every digest algorithm this library accepts.</summary>
    public static IReadOnlyList<DigestAlgorithm> All { get; } = [Sha256, Sha384, Sha512];

    /// <summary>The algorithm with this OID, or <see langword="null"/> when it is unknown or not accepted.</summary>
    public static DigestAlgorithm? FromOid(string oid) => All.FirstOrDefault(a => a.Oid == oid);

    /// <summary>The algorithm with this platform name.</summary>
    /// <exception cref="ArgumentException">The platform name is not one this library accepts.</exception>
    public static DigestAlgorithm FromHashName(HashAlgorithmName name) =>
        All.FirstOrDefault(a => a.HashName == name) ?? throw new ArgumentException($"unsupported digest algorithm {name.Name}", nameof(name));

    /// <summary>Digests a buffer.</summary>
    public byte[] Compute(ReadOnlySpan<byte> data)
    {
        var output = new byte[SizeInBytes];
        CryptographicOperations.HashData(HashName, data, output);
        return output;
    }

    /// <summary>
    /// Digests a stream from its current position to its end, in fixed-size chunks so that content of any size
    /// (a 2 GB detached document) never sits in memory as a whole.
    /// </summary>
    public async ValueTask<byte[]> ComputeAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return await CryptographicOperations.HashDataAsync(HashName, content, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public bool Equals(DigestAlgorithm? other) => other is not null && other.Oid == Oid;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DigestAlgorithm);

    /// <inheritdoc />
    public override int GetHashCode() => Oid.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Name;
}
