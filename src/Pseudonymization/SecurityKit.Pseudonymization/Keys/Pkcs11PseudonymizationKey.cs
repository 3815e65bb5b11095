using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SecurityKit.Crypto;

namespace SecurityKit.Pseudonymization.Keys;

/// <summary>
/// A pseudonymisation master key that lives in a PKCS#11 token (HSM) as a non-extractable 256-bit generic secret.
/// Each domain key is derived inside the token with the NIST SP 800-108r1 §4.1 KDF in counter mode, PRF =
/// HMAC-SHA256 (CKM_SHA256_HMAC), one iteration for L = 256 bits:
/// <c>K_domain = HMAC(K_master, [1]_32 || Label || 0x00 || Context || [256]_32)</c>, Label =
/// <c>SecurityKit.Pseudonymization domain key v1</c>, Context = the length-prefixed identifier type, construction and
/// domain. The FF1 rounds then run on the CPU (AES-NI) with the derived domain key.
/// </summary>
/// <remarks>
/// Why derivation in the token rather than AES on the token for every FF1 round: ten PKCS#11 calls per identifier
/// would cap bulk runs at a few thousand identifiers per second, while the master key — the secret that links every
/// domain — is what must stay in the HSM. A derived domain key exists in process memory only while a pseudonymiser
/// is alive (zeroed on dispose) and exposes one domain only; revoking the token key revokes every domain. Pseudonyms
/// from a token key differ from those of any key-file key (different master key and KDF).
/// </remarks>
public sealed class Pkcs11PseudonymizationKey : IDomainKeySource
{
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("SecurityKit.Pseudonymization domain key v1");
    private readonly Pkcs11SecretKey key;

    /// <summary>Wraps a token secret key (see <see cref="Pkcs11KeyProvider.GetSecretKey"/>).</summary>
    /// <param name="key">The token key; its provider must stay open while this key is used.</param>
    public Pkcs11PseudonymizationKey(Pkcs11SecretKey key)
    {
        this.key = key ?? throw new ArgumentNullException(nameof(key));
    }

    /// <inheritdoc/>
    public string Description => key.Description;

    /// <inheritdoc/>
    public void DeriveDomainKey(ReadOnlySpan<byte> context, Span<byte> domainKey)
    {
        if (domainKey.Length != 32)
        {
            throw new ArgumentException("a domain key has 32 bytes", nameof(domainKey));
        }

        var input = new byte[4 + Label.Length + 1 + context.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(input, 1);
        Label.CopyTo(input, 4);
        context.CopyTo(input.AsSpan(4 + Label.Length + 1));
        BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(input.Length - 4), 256);
        try
        {
            key.ComputeHmacSha256(input, domainKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}
