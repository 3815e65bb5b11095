using System.Security.Cryptography;
using System.Text;

namespace SecurityKit.Crypto;

/// <summary>
/// Composite ML-DSA following <b>draft-ietf-lamps-pq-composite-sigs-19</b> (IETF LAMPS). The construction, OIDs
/// (1.3.6.1.5.5.7.6.37–.54) and Labels are unchanged from -14 to -19; -13 and earlier spelled the ECDSA Labels
/// without "ECDSA-" (<c>COMPSIG-MLDSA65-P256-SHA512</c>), so signatures made with a -13 implementation do not
/// verify here. Checked against the draft repository's published test vectors (the same from -14 to -19).
/// BouncyCastle C# 2.7 has the OIDs but no composite signer, so the draft's encoding is implemented here:
/// <list type="bullet">
/// <item>message representative (draft §"Sign"): <c>M' = Prefix || Label || len(ctx) || ctx || PH(M)</c> with
/// Prefix = ASCII "CompositeAlgorithmSignatures2025", the algorithm's Label, the application context with its one-byte length and PH the
/// algorithm's pre-hash (SHA-512, or SHA-256 for ML-DSA-44);</item>
/// <item>ML-DSA signs M' with the Label as its FIPS 204 context; the traditional algorithm signs M' with its own
/// hash (ECDSA DER Ecdsa-Sig-Value, or RSASSA-PSS SHA-256 with a 32-byte salt);</item>
/// <item>signature = mldsaSig || tradSig; public key = mldsaPK || tradPK (EC uncompressed point or RSAPublicKey);
/// private key = mldsaSeed (32 bytes) || tradSK (RFC 5915 ECPrivateKey with the namedCurve and without the publicKey
/// field, or RSAPrivateKey), in a PKCS#8 whose
/// AlgorithmIdentifier has the composite OID and absent parameters (draft §"Serialization").</item>
/// </list>
/// A signature verifies only when both component signatures verify (draft §"Verify"), so the composite stays secure while
/// either component is unbroken.
/// </summary>
public sealed class CompositeMlDsaSignatureAlgorithm : SignatureAlgorithm
{
    /// <summary>The draft this implementation follows.</summary>
    public const string Draft = "draft-ietf-lamps-pq-composite-sigs-19";

    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("CompositeAlgorithmSignatures2025");

    private readonly byte[] _label;

    internal CompositeMlDsaSignatureAlgorithm(
        string name, string oid, string label, MlDsaSignatureAlgorithm mlDsa, SignatureAlgorithm traditional, HashAlgorithmName preHash)
        : base(
            name,
            oid,
            oid,
            mlDsa.NistSecurityLevel,
            Math.Min(mlDsa.ClassicalSecurityBits, traditional.ClassicalSecurityBits),
            mlDsa.PublicKeySize + traditional.PublicKeySize,
            mlDsa.SignatureSize + traditional.SignatureSize,
            Draft)
    {
        if (traditional is not (EcdsaSignatureAlgorithm or RsaSignatureAlgorithm { UsesPss: true }))
        {
            throw new ArgumentException("composite traditional component must be ECDSA or RSA-PSS", nameof(traditional));
        }

        Label = label;
        _label = Encoding.ASCII.GetBytes(label);
        MlDsa = mlDsa;
        Traditional = traditional;
        PreHash = preHash;
    }

    /// <summary>The ML-DSA component.</summary>
    public MlDsaSignatureAlgorithm MlDsa { get; }

    /// <summary>The traditional component (ECDSA or RSA-PSS).</summary>
    public SignatureAlgorithm Traditional { get; }

    /// <summary>The domain-separation label of the draft (e.g. <c>COMPSIG-MLDSA65-ECDSA-P256-SHA512</c>).</summary>
    public string Label { get; }

    internal HashAlgorithmName PreHash { get; }

    internal override KeyMaterial GenerateKeyMaterial() =>
        new CompositeKeyMaterial(this, MlDsa.GenerateKeyMaterial(), Traditional.GenerateKeyMaterial());

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8)
    {
        var octets = KeyEncoding.ReadPrivateKeyOctets(pkcs8);
        try
        {
            if (octets.Length <= 32)
            {
                throw new KeyFormatException("the composite private key is shorter than the 32-byte ML-DSA seed", "composite privateKey");
            }

            var pq = MlDsa.FromSeed(octets[..32]);
            KeyMaterial traditional;
            try
            {
                traditional = ImportTraditionalPrivate(octets.AsSpan(32));
            }
            catch
            {
                pq.Dispose();
                throw;
            }

            return new CompositeKeyMaterial(this, pq, traditional);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(octets);
        }
    }

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo)
    {
        var raw = KeyEncoding.ReadSubjectPublicKey(subjectPublicKeyInfo);
        if (raw.Length <= MlDsa.PublicKeySize)
        {
            throw new KeyFormatException("the composite public key is shorter than its ML-DSA component", "composite subjectPublicKey");
        }

        var pq = MlDsa.FromRawPublicKey(raw[..MlDsa.PublicKeySize]);
        var tradBytes = raw.AsSpan(MlDsa.PublicKeySize);
        KeyMaterial traditional = Traditional switch
        {
            EcdsaSignatureAlgorithm ec => new PlatformKeyMaterial<ECDsa>(ec.DecodePoint(tradBytes), hasPrivateKey: false),
            RsaSignatureAlgorithm rsa => ImportRsaPublic(rsa, tradBytes),
            _ => throw new InvalidOperationException(),
        };
        return new CompositeKeyMaterial(this, pq, traditional);
    }

    internal override bool IsCompatible(KeyMaterial material) => material is CompositeKeyMaterial c && c.Algorithm == this;

    /// <summary>Signs <paramref name="data"/> with an application context (the draft's <c>ctx</c>, at most 255 bytes).</summary>
    /// <param name="key">A private key of this algorithm.</param>
    /// <param name="data">The message.</param>
    /// <param name="context">The application context bound into M'; empty is the same as <see cref="SignatureAlgorithm.Sign(Key, ReadOnlySpan{byte})"/>.</param>
    /// <returns>The signature <c>mldsaSig || tradSig</c>.</returns>
    public byte[] Sign(Key key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> context)
    {
        ArgumentNullException.ThrowIfNull(key);
        var buffer = new byte[SignatureSize];
        var written = SignComposite((CompositeKeyMaterial)key.MaterialFor(this), data, context, buffer);
        return written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
    }

    /// <summary>Verifies a signature made with an application context; false when it does not verify.</summary>
    /// <param name="publicKey">A public key of this algorithm.</param>
    /// <param name="data">The message.</param>
    /// <param name="context">The application context the signer used (at most 255 bytes).</param>
    /// <param name="signature">The signature.</param>
    /// <returns>Whether both component signatures verify.</returns>
    public bool TryVerify(PublicKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> context, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var material = (CompositeKeyMaterial)publicKey.MaterialFor(this);
        return signature.Length <= SignatureSize && VerifyComposite(material, data, context, signature);
    }

    /// <summary>M' = Prefix || Label || len(ctx) || ctx || PH(M) (draft §"Sign", step 2).</summary>
    internal byte[] MessageRepresentative(ReadOnlySpan<byte> message, ReadOnlySpan<byte> context = default)
    {
        if (context.Length > 255)
        {
            throw new ArgumentException("the application context has at most 255 bytes (its length is one byte of M')", nameof(context));
        }

        var hashLength = PreHash == HashAlgorithmName.SHA512 ? 64 : 32;
        var representative = new byte[Prefix.Length + _label.Length + 1 + context.Length + hashLength];
        Prefix.CopyTo(representative, 0);
        _label.CopyTo(representative, Prefix.Length);
        representative[Prefix.Length + _label.Length] = (byte)context.Length;
        context.CopyTo(representative.AsSpan(Prefix.Length + _label.Length + 1));
        var digest = representative.AsSpan(representative.Length - hashLength);
        if (PreHash == HashAlgorithmName.SHA512)
        {
            SHA512.HashData(message, digest);
        }
        else
        {
            SHA256.HashData(message, digest);
        }

        return representative;
    }

    private protected override int SignCore(KeyMaterial key, ReadOnlySpan<byte> data, Span<byte> signature) =>
        SignComposite((CompositeKeyMaterial)key, data, default, signature);

    private protected override bool VerifyCore(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        VerifyComposite((CompositeKeyMaterial)key, data, default, signature);

    private int SignComposite(CompositeKeyMaterial composite, ReadOnlySpan<byte> data, ReadOnlySpan<byte> context, Span<byte> signature)
    {
        // Draft §"Sign", step 4: ML-DSA signs M' with the Label as its FIPS 204 context (mldsa_ctx); the traditional algorithm signs M'.
        var representative = MessageRepresentative(data, context);
        var pqLength = MlDsa.SignWithContext(composite.PostQuantum, representative, _label, signature);
        var tradLength = Traditional.Sign(composite.TraditionalKey, representative, signature[pqLength..]);
        return pqLength + tradLength;
    }

    private bool VerifyComposite(CompositeKeyMaterial composite, ReadOnlySpan<byte> data, ReadOnlySpan<byte> context, ReadOnlySpan<byte> signature)
    {
        if (signature.Length <= MlDsa.SignatureSize || context.Length > 255)
        {
            return false;
        }

        var representative = MessageRepresentative(data, context);
        var pqValid = MlDsa.VerifyWithContext(composite.PostQuantum, representative, _label, signature[..MlDsa.SignatureSize]);
        var tradValid = Traditional.TryVerify(composite.TraditionalPublicKey, representative, signature[MlDsa.SignatureSize..]);
        return pqValid & tradValid;
    }

    private static PlatformKeyMaterial<RSA> ImportRsaPublic(RsaSignatureAlgorithm algorithm, ReadOnlySpan<byte> rsaPublicKey)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportRSAPublicKey(rsaPublicKey, out var read);
            if (read != rsaPublicKey.Length)
            {
                throw new KeyFormatException("trailing bytes after the RSAPublicKey", "composite subjectPublicKey");
            }
        }
        catch (CryptographicException exception)
        {
            rsa.Dispose();
            throw new KeyFormatException("malformed RSAPublicKey in the composite key", "composite subjectPublicKey", exception);
        }

        return algorithm.Checked(rsa, hasPrivateKey: false);
    }

    private KeyMaterial ImportTraditionalPrivate(ReadOnlySpan<byte> tradSk)
    {
        switch (Traditional)
        {
            case EcdsaSignatureAlgorithm ec:
                var ecdsa = EcdsaSignatureAlgorithm.NewPrivateKeyObject();
                try
                {
                    ecdsa.ImportECPrivateKey(tradSk, out var read);
                    if (read != tradSk.Length || ecdsa.KeySize != ec.CoordinateSize * 8 && !(ec.CoordinateSize == 66 && ecdsa.KeySize == 521))
                    {
                        throw new KeyFormatException($"the ECPrivateKey is not a single {ec.CurveName} key", "composite privateKey");
                    }
                }
                catch (CryptographicException exception)
                {
                    ecdsa.Dispose();
                    throw new KeyFormatException("malformed ECPrivateKey in the composite key", "composite privateKey", exception);
                }

                return new PlatformKeyMaterial<ECDsa>(ecdsa, hasPrivateKey: true);
            case RsaSignatureAlgorithm rsaAlgorithm:
                var rsa = RSA.Create();
                try
                {
                    rsa.ImportRSAPrivateKey(tradSk, out _);
                }
                catch (CryptographicException exception)
                {
                    rsa.Dispose();
                    throw new KeyFormatException("malformed RSAPrivateKey in the composite key", "composite privateKey", exception);
                }

                return rsaAlgorithm.Checked(rsa, hasPrivateKey: true);
            default:
                throw new InvalidOperationException();
        }
    }
}
