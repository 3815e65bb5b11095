using System.Security.Cryptography;
using System.Text;

namespace SecurityKit.ReferenceApi.Security;

/// <summary>
/// API keys: <c>skk_&lt;id&gt;_&lt;secret&gt;</c>, where the id is public (it names the caller in the audit log and
/// finds the stored hash) and the secret is 32 random bytes in base64url. Only SHA-256 of the whole key is stored.
/// </summary>
/// <remarks>
/// A fast hash is enough here, unlike for passwords: the secret has 256 bits of entropy, so no dictionary or
/// brute-force attack on a leaked hash is feasible, and a slow KDF would cost every request milliseconds.
/// The comparison is constant-time (<see cref="CryptographicOperations.FixedTimeEquals"/>).
/// </remarks>
internal static class ApiKey
{
    public const string Prefix = "skk_";

    /// <summary>Makes a new key with the given public id.</summary>
    public static string Create(string id)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException("an API key id is 1 to 32 characters a-z, 0-9 and '-'", nameof(id));
        }

        return Prefix + id + "_" + Base64Url(RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>The stored form of a key: lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Splits a presented key into its id; false when it does not have the key's shape.</summary>
    public static bool TryGetId(string key, out string id)
    {
        id = string.Empty;
        if (key.Length > 200 || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator <= 0 || separator == rest.Length - 1)
        {
            return false;
        }

        var candidate = rest[..separator].ToString();
        if (!IsValidId(candidate))
        {
            return false;
        }

        id = candidate;
        return true;
    }

    /// <summary>True when <paramref name="key"/> hashes to <paramref name="storedHash"/> (hex), compared in constant time.</summary>
    public static bool Matches(string key, string storedHash)
    {
        Span<byte> stored = stackalloc byte[32];
        if (storedHash.Length != 64 || Convert.FromHexString(storedHash, stored, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), presented);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }

    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 32 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
