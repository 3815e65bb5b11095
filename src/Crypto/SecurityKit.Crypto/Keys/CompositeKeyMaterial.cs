using System.Security.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>The two component keys of a composite ML-DSA key (draft-ietf-lamps-pq-composite-sigs-19, "Serialization").</summary>
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
            PlatformKeyMaterial<ECDsa> ec => EcPrivateKeyWithoutPublicKey(ec.Key, (EcdsaSignatureAlgorithm)Algorithm.Traditional),
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

    /// <summary>
    /// RFC 5915 ECPrivateKey with the namedCurve parameter and without the publicKey field, as the draft requires
    /// ("Serialization": "without the 'publicKey' field"); .NET's ExportECPrivateKey always adds the public key.
    /// Written byte by byte (every length is below 128 for P-256/384/521) so that the scalar is only ever in buffers
    /// this method zeroes, which AsnWriter's internal buffer would not guarantee.
    /// </summary>
    private static byte[] EcPrivateKeyWithoutPublicKey(ECDsa ecdsa, EcdsaSignatureAlgorithm algorithm)
    {
        var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
        var d = parameters.D!;
        try
        {
            var curveWriter = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            curveWriter.WriteObjectIdentifier(algorithm.CurveOid);
            var curve = curveWriter.Encode();
            var contentLength = 3 + 2 + d.Length + 2 + curve.Length;
            var der = new byte[2 + contentLength];
            var span = der.AsSpan();
            span[0] = 0x30;
            span[1] = (byte)contentLength;
            span[2] = 0x02; // version INTEGER 1 (ecPrivkeyVer1)
            span[3] = 0x01;
            span[4] = 0x01;
            span[5] = 0x04; // privateKey OCTET STRING, the scalar left-padded to the field size
            span[6] = (byte)d.Length;
            d.CopyTo(span[7..]);
            var offset = 7 + d.Length;
            span[offset] = 0xa0; // parameters [0] EXPLICIT namedCurve
            span[offset + 1] = (byte)curve.Length;
            curve.CopyTo(span[(offset + 2)..]);
            return der;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
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
