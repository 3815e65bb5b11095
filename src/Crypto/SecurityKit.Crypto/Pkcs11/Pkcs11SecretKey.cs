using Net.Pkcs11Interop.HighLevelAPI;

namespace SecurityKit.Crypto;

/// <summary>
/// A 256-bit generic secret key inside a PKCS#11 token (CKK_GENERIC_SECRET, CKA_SENSITIVE, not extractable) that
/// computes HMAC-SHA256 there (CKM_SHA256_HMAC, PKCS#11 v2.40 Current Mechanisms §2.22). It is a PRF whose key never
/// leaves the token: pseudonymisation derives its per-domain keys with it (NIST SP 800-108r1 KDF), so the master key
/// stays in the HSM and every derivation is an operation the HSM can log and rate-limit.
/// </summary>
public sealed class Pkcs11SecretKey
{
    /// <summary>The HMAC-SHA256 output length, in bytes.</summary>
    public const int MacLength = 32;

    private readonly Pkcs11KeyProvider provider;
    private readonly IObjectHandle handle;

    internal Pkcs11SecretKey(Pkcs11KeyProvider provider, IObjectHandle handle, string description)
    {
        this.provider = provider;
        this.handle = handle;
        Description = description;
    }

    /// <summary>Where the key is (token and key label/id), for messages; never key material.</summary>
    public string Description { get; }

    /// <summary>HMAC-SHA256(key, data), computed inside the token.</summary>
    /// <param name="data">The message.</param>
    /// <param name="mac">Receives the <see cref="MacLength"/>-byte MAC.</param>
    /// <exception cref="HsmException">The token refused (e.g. the key may not sign).</exception>
    public void ComputeHmacSha256(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        if (mac.Length < MacLength)
        {
            throw new ArgumentException($"the MAC needs {MacLength} bytes", nameof(mac));
        }

        provider.Mac(handle, data, mac, Description);
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}
