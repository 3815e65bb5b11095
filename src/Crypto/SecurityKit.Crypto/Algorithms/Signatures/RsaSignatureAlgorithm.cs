using System.Security.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>
/// RSA signatures on the platform: RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) or RSASSA-PSS (RFC 8017 §8.1; salt length =
/// hash length, MGF1 with the same hash, as RFC 4055 §3.1 recommends), always with SHA-256.
/// </summary>
public sealed class RsaSignatureAlgorithm : SignatureAlgorithm
{
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";

    internal RsaSignatureAlgorithm(int keySize, bool pss)
        : base(
            $"RSA-{keySize}-{(pss ? "PSS" : "PKCS1")}-SHA256",
            pss ? "1.2.840.113549.1.1.10" : "1.2.840.113549.1.1.11",
            RsaEncryptionOid,
            nistSecurityLevel: 0,
            classicalSecurityBits: keySize >= 3072 ? 128 : 112,
            publicKeySize: keySize / 8,
            signatureSize: keySize / 8,
            standard: "RFC 8017")
    {
        KeySize = keySize;
        UsesPss = pss;
        Padding = pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
    }

    /// <summary>Modulus size in bits.</summary>
    public int KeySize { get; }

    /// <summary>True for RSASSA-PSS, false for RSASSA-PKCS1-v1_5.</summary>
    public bool UsesPss { get; }

    internal RSASignaturePadding Padding { get; }

    internal override KeyMaterial GenerateKeyMaterial() => new PlatformKeyMaterial<RSA>(RSA.Create(KeySize), hasPrivateKey: true);

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return Checked(rsa, hasPrivateKey: true);
        }
        catch (CryptographicException exception)
        {
            rsa.Dispose();
            throw new KeyFormatException("malformed RSA private key", "PKCS#8 RSAPrivateKey", exception);
        }
    }

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return Checked(rsa, hasPrivateKey: false);
        }
        catch (CryptographicException exception)
        {
            rsa.Dispose();
            throw new KeyFormatException("malformed RSA public key", "SubjectPublicKeyInfo RSAPublicKey", exception);
        }
    }

    internal PlatformKeyMaterial<RSA> Checked(RSA rsa, bool hasPrivateKey)
    {
        if (rsa.KeySize != KeySize)
        {
            rsa.Dispose();
            throw new KeyFormatException($"the RSA key has {rsa.KeySize} bits, {Name} needs {KeySize}", "RSA modulus");
        }

        return new PlatformKeyMaterial<RSA>(rsa, hasPrivateKey);
    }

    internal override bool IsCompatible(KeyMaterial material) => material is PlatformKeyMaterial<RSA>;

    private protected override int SignCore(KeyMaterial key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var rsa = ((PlatformKeyMaterial<RSA>)key).Key;
        return rsa.TrySignData(data, signature, HashAlgorithmName.SHA256, Padding, out var written)
            ? written
            : throw new CryptographicException("RSA signature buffer too small");
    }

    private protected override bool VerifyCore(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        ((PlatformKeyMaterial<RSA>)key).Key.VerifyData(data, signature, HashAlgorithmName.SHA256, Padding);
}
