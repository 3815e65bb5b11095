using System.Security.Cryptography;
using System.Text;

namespace SecurityKit.Pseudonymization.Keys;

/// <summary>
/// One version of a named pseudonymisation key: 256 bits of secret material from which per-domain keys are derived.
/// The material is never shown by <see cref="ToString"/> and is zeroed by <see cref="Dispose"/>.
/// </summary>
public sealed class PseudonymizationKey : IDomainKeySource, IDisposable
{
    /// <summary>The length of key material, in bytes.</summary>
    public const int MaterialLength = 32;

    private static readonly byte[] CheckLabel = Encoding.ASCII.GetBytes("SecurityKit.Pseudonymization key check v1");
    private readonly byte[] material;
    private bool disposed;

    /// <summary>Creates a key version from material (copied).</summary>
    /// <param name="name">The key name.</param>
    /// <param name="version">The version, from 1.</param>
    /// <param name="material">32 bytes of secret material.</param>
    /// <param name="createdUtc">When the version was created.</param>
    public PseudonymizationKey(string name, int version, ReadOnlySpan<byte> material, DateTimeOffset createdUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (material.Length != MaterialLength)
        {
            throw new KeyRingException($"key material must have {MaterialLength} bytes, not {material.Length}", $"key {name} version {version}");
        }

        if (version < 1)
        {
            throw new KeyRingException("key versions start at 1", $"key {name}");
        }

        Name = name;
        Version = version;
        CreatedUtc = createdUtc;
        this.material = material.ToArray();
    }

    /// <summary>Creates a new random key version (from the operating system's CSPRNG).</summary>
    /// <param name="name">The key name.</param>
    /// <param name="version">The version.</param>
    /// <returns>The key.</returns>
    public static PseudonymizationKey Generate(string name, int version)
    {
        Span<byte> bytes = stackalloc byte[MaterialLength];
        RandomNumberGenerator.Fill(bytes);
        try
        {
            return new PseudonymizationKey(name, version, bytes, DateTimeOffset.UtcNow);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The version.</summary>
    public int Version { get; }

    /// <summary>When the version was created.</summary>
    public DateTimeOffset CreatedUtc { get; }

    /// <summary>The secret material (do not copy it further than needed).</summary>
    public ReadOnlySpan<byte> Material
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return material;
        }
    }

    /// <summary>A 6-hex-digit key check value (HMAC-SHA256 of a fixed label) that detects corrupted material; reveals nothing about it.</summary>
    public string CheckValue
    {
        get
        {
            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(Material, CheckLabel, mac);
            return Convert.ToHexStringLower(mac[..3]);
        }
    }

    /// <inheritdoc/>
    public string Description => ToString();

    /// <summary>HKDF-SHA256 (RFC 5869) of the material with the pseudonymisation salt and <paramref name="context"/> as info.</summary>
    /// <param name="context">The derivation context.</param>
    /// <param name="domainKey">Receives 32 bytes.</param>
    public void DeriveDomainKey(ReadOnlySpan<byte> context, Span<byte> domainKey) =>
        SecurityKit.Pseudonymization.Pseudonymizers.DomainKey.DeriveFromMaterial(Material, context, domainKey);

    /// <summary>Name and version only.</summary>
    /// <returns>e.g. <c>default v2</c>.</returns>
    public override string ToString() => $"{Name} v{Version}";

    /// <summary>Zeroes the material.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            CryptographicOperations.ZeroMemory(material);
            disposed = true;
        }
    }
}
