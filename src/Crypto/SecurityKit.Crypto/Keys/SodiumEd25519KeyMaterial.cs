using System.Security.Cryptography;
using Sodium = NSec.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>
/// Ed25519 key material held by NSec (libsodium). The private key lives in libsodium's guarded memory
/// (<c>sodium_malloc</c>), which <c>sodium_free</c> wipes when the key is disposed, so unlike the BouncyCastle path
/// the seed is erased on dispose. NSec's own export policy is set to plaintext export so that SecurityKit's
/// <see cref="KeyExportPolicies"/> (checked in <see cref="Key.Export"/>) is the one rule callers deal with.
/// </summary>
internal sealed class SodiumEd25519KeyMaterial : KeyMaterial
{
    /// <summary>RFC 8410 §7: PrivateKeyInfo v0, id-Ed25519, privateKey = OCTET STRING { OCTET STRING (32) }.</summary>
    private static ReadOnlySpan<byte> Pkcs8Prefix => [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

    /// <summary>RFC 8410 §4: SubjectPublicKeyInfo, id-Ed25519 without parameters, BIT STRING of the 32-byte key.</summary>
    private static ReadOnlySpan<byte> SpkiPrefix => [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    private Sodium.Key? _privateKey;

    private SodiumEd25519KeyMaterial(Sodium.Key? privateKey, Sodium.PublicKey publicKey)
    {
        _privateKey = privateKey;
        PublicKey = publicKey;
    }

    public static Sodium.SignatureAlgorithm Algorithm => Sodium.SignatureAlgorithm.Ed25519;

    public Sodium.Key PrivateKey =>
        _privateKey ?? throw new InvalidOperationException("this key has no private part");

    public Sodium.PublicKey PublicKey { get; }

    public override bool HasPrivateKey => _privateKey is not null;

    public static SodiumEd25519KeyMaterial Generate()
    {
        var key = Sodium.Key.Create(Algorithm, new Sodium.KeyCreationParameters { ExportPolicy = Sodium.KeyExportPolicies.AllowPlaintextExport });
        return new SodiumEd25519KeyMaterial(key, key.PublicKey);
    }

    /// <summary>Imports the 32-byte seed (RFC 8032 §5.1.5 private key); the caller wipes <paramref name="seed"/>.</summary>
    public static SodiumEd25519KeyMaterial FromSeed(ReadOnlySpan<byte> seed)
    {
        var key = Sodium.Key.Import(Algorithm, seed, Sodium.KeyBlobFormat.RawPrivateKey, new Sodium.KeyCreationParameters { ExportPolicy = Sodium.KeyExportPolicies.AllowPlaintextExport });
        return new SodiumEd25519KeyMaterial(key, key.PublicKey);
    }

    public static SodiumEd25519KeyMaterial FromPublicKey(ReadOnlySpan<byte> publicKey) =>
        Sodium.PublicKey.TryImport(Algorithm, publicKey, Sodium.KeyBlobFormat.RawPublicKey, out var imported) && imported is not null
            ? new SodiumEd25519KeyMaterial(null, imported)
            : throw new KeyFormatException("the Ed25519 public key is not a valid 32-byte point encoding", "SubjectPublicKeyInfo subjectPublicKey");

    public override byte[] ExportPkcs8()
    {
        var pkcs8 = new byte[Pkcs8Prefix.Length + 32];
        Pkcs8Prefix.CopyTo(pkcs8);
        if (!PrivateKey.TryExport(Sodium.KeyBlobFormat.RawPrivateKey, pkcs8.AsSpan(Pkcs8Prefix.Length), out var written) || written != 32)
        {
            CryptographicOperations.ZeroMemory(pkcs8);
            throw new CryptographicException("the Ed25519 seed could not be exported");
        }

        return pkcs8;
    }

    public override byte[] ExportSubjectPublicKeyInfo()
    {
        var spki = new byte[SpkiPrefix.Length + 32];
        SpkiPrefix.CopyTo(spki);
        PublicKey.Export(Sodium.KeyBlobFormat.RawPublicKey).CopyTo(spki, SpkiPrefix.Length);
        return spki;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _privateKey?.Dispose();
            _privateKey = null;
        }
    }
}
