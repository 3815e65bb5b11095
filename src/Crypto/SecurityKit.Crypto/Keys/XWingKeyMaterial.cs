using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace SecurityKit.Crypto;

/// <summary>An X-Wing key: the 32-byte seed and the component keys expanded from it.</summary>
internal sealed class XWingKeyMaterial : KeyMaterial
{
    private readonly byte[]? _seed;

    public XWingKeyMaterial(byte[]? seed, MLKemPrivateKeyParameters? mlKemPrivate, MLKemPublicKeyParameters mlKemPublic, X25519PrivateKeyParameters? x25519Private, X25519PublicKeyParameters? x25519Public = null)
    {
        _seed = seed;
        MlKemPrivate = mlKemPrivate;
        MlKemPublic = mlKemPublic;
        X25519Private = x25519Private;
        X25519Public = x25519Public ?? x25519Private!.GeneratePublicKey();
    }

    public XWingKeyMaterial(byte[]? seed, MLKemPrivateKeyParameters? mlKemPrivate, MLKemPublicKeyParameters mlKemPublic, X25519PublicKeyParameters x25519Public)
        : this(seed, mlKemPrivate, mlKemPublic, null, x25519Public)
    {
    }

    public MLKemPrivateKeyParameters? MlKemPrivate { get; private set; }

    public MLKemPublicKeyParameters MlKemPublic { get; }

    public X25519PrivateKeyParameters? X25519Private { get; private set; }

    public X25519PublicKeyParameters X25519Public { get; }

    public override bool HasPrivateKey => _seed is not null;

    public override byte[] ExportPkcs8() =>
        KeyEncoding.WritePrivateKeyInfo(KeyEncapsulationAlgorithm.X25519MlKem768.KeyAlgorithmOid, _seed ?? throw new InvalidOperationException("no private key"));

    public override byte[] ExportSubjectPublicKeyInfo()
    {
        var raw = new byte[1216];
        MlKemPublic.GetEncoded().CopyTo(raw, 0);
        X25519Public.Encode(raw, 1184);
        return KeyEncoding.WriteSubjectPublicKeyInfo(KeyEncapsulationAlgorithm.X25519MlKem768.KeyAlgorithmOid, raw);
    }

    protected override void Dispose(bool disposing)
    {
        if (_seed is not null)
        {
            CryptographicOperations.ZeroMemory(_seed);
        }

        MlKemPrivate = null;
        X25519Private = null;
    }
}
