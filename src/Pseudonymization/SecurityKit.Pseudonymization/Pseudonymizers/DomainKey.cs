using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

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

        var output = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, output, Salt, info.ToArray());
        return output;
    }
}
