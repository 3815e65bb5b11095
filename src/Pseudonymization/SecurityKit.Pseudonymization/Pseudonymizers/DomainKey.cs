using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SecurityKit.Pseudonymization.Keys;

namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>
/// Derives the AES-256 key of one pseudonymisation domain from a key-ring key with HKDF-SHA256 (RFC 5869):
/// info = length-prefixed (identifier type, construction and options, domain name). Different domains, identifier
/// types or options thus use independent keys, so their pseudonyms cannot be linked without the master key.
/// </summary>
internal static class DomainKey
{
    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("SecurityKit.Pseudonymization domain key v1");

    public static byte[] Derive(ReadOnlySpan<byte> masterKey, string identifierType, string construction, string domain)
    {
        var output = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, output, Salt, Context(identifierType, construction, domain));
        return output;
    }

    /// <summary>Derives with any master key source (a token key computes its own KDF over the same context).</summary>
    public static byte[] Derive(IDomainKeySource masterKey, string identifierType, string construction, string domain)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        var output = new byte[32];
        masterKey.DeriveDomainKey(Context(identifierType, construction, domain), output);
        return output;
    }

    /// <summary>HKDF with the software key's material, exactly as <see cref="Derive(ReadOnlySpan{byte}, string, string, string)"/>.</summary>
    public static void DeriveFromMaterial(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> context, Span<byte> output) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, output, Salt, context);

    /// <summary>The length-prefixed (identifier type, construction, domain).</summary>
    private static byte[] Context(string identifierType, string construction, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var info = new List<byte>();
        foreach (var part in new[] { identifierType, construction, domain })
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            info.AddRange(length);
            info.AddRange(bytes);
        }

        return info.ToArray();
    }
}
