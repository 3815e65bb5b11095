using System.Security.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>The two component keys of a composite ML-DSA key (draft-ietf-lamps-pq-composite-sigs-13 §5).</summary>
internal sealed class CompositeKeyMaterial : KeyMaterial
{
    public CompositeKeyMaterial(CompositeMlDsaSignatureAlgorithm algorithm, KeyMaterial postQuantum, KeyMaterial traditional)
    {
        Algorithm = algorithm;
        PostQuantum = postQuantum;
        TraditionalMaterial = traditional;
        TraditionalKey = new Key(algorithm.Traditional, traditional, KeyExportPolicies.None);
        TraditionalPublicKey = new PublicKey(algorithm.Traditional, traditional);
    }

    public CompositeMlDsaSignatureAlgorithm Algorithm { get; }

    public KeyMaterial PostQuantum { get; }

    public KeyMaterial TraditionalMaterial { get; }

    /// <summary>The traditional component wrapped as a key of its own algorithm, for signing with it.</summary>
    public Key TraditionalKey { get; }

    public PublicKey TraditionalPublicKey { get; }

    public override bool HasPrivateKey => PostQuantum.HasPrivateKey;

    public override byte[] ExportPkcs8()
    {
        var seed = Algorithm.MlDsa.ExportSeed(PostQuantum);
        byte[] tradSk = TraditionalMaterial switch
        {
            PlatformKeyMaterial<ECDsa> ec => ec.Key.ExportECPrivateKey(),
            PlatformKeyMaterial<RSA> rsa => rsa.Key.ExportRSAPrivateKey(),
            _ => throw new InvalidOperationException(),
        };
        var both = new byte[seed.Length + tradSk.Length];
        try
        {
            seed.CopyTo(both, 0);
            tradSk.CopyTo(both, seed.Length);
            return KeyEncoding.WritePrivateKeyInfo(Algorithm.KeyAlgorithmOid, both);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(tradSk);
            CryptographicOperations.ZeroMemory(both);
        }
    }

    public override byte[] ExportSubjectPublicKeyInfo()
    {
        var pq = MlDsaSignatureAlgorithm.ExportRawPublicKey(PostQuantum);
        byte[] trad = TraditionalMaterial switch
        {
            PlatformKeyMaterial<ECDsa> ec => EcdsaSignatureAlgorithm.EncodePoint(ec.Key),
            PlatformKeyMaterial<RSA> rsa => rsa.Key.ExportRSAPublicKey(),
            _ => throw new InvalidOperationException(),
        };
        return KeyEncoding.WriteSubjectPublicKeyInfo(Algorithm.KeyAlgorithmOid, [.. pq, .. trad]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            PostQuantum.Dispose();
            TraditionalMaterial.Dispose();
        }
    }
}
