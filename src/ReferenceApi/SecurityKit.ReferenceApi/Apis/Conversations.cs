using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// Conversation ids of the PII vault. An id is a random 128-bit token made by the API (or one the caller chose, of a
/// safe shape); the vault entry is keyed by the caller as well as the id, so that a caller who learns another
/// caller's conversation id still cannot restore that conversation (the vault's AES-GCM entries are bound to the key
/// they are stored under).
/// </summary>
internal static class Conversations
{
    public const string IdRule = "must be 8 to 64 letters, digits, '-' or '_'";

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValidId(string id) =>
        id.Length is >= 8 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The vault key: a digest of the caller (not its name: vault keys are visible to Redis operators) and the id.</summary>
    public static string VaultKey(ClaimsPrincipal user, string id)
    {
        var caller = SHA256.HashData(Encoding.UTF8.GetBytes(Caller.Actor(user)));
        return $"{Convert.ToHexStringLower(caller.AsSpan(0, 12))}:{id}";
    }

    /// <summary>What the audit log keeps of an id: enough to correlate entries, not enough to use it.</summary>
    public static string Fingerprint(string id) => id.Length <= 8 ? id : id[..8] + "…";
}
