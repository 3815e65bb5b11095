using System.Security.Cryptography;

namespace SecurityKit.Crypto;

/// <summary>
/// ECDSA (FIPS 186-5 §6) on the NIST curves on the platform, with the curve's matching SHA-2 hash and signatures
/// encoded as the DER <c>Ecdsa-Sig-Value</c> of RFC 3279 §2.2.3, as X.509 and CMS carry them.
/// </summary>
public sealed class EcdsaSignatureAlgorithm : SignatureAlgorithm
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    internal EcdsaSignatureAlgorithm(Curve curve)
        : base(
            curve switch { Curve.P256 => "ECDSA-P256-SHA256", Curve.P384 => "ECDSA-P384-SHA384", _ => "ECDSA-P521-SHA512" },
            curve switch { Curve.P256 => "1.2.840.10045.4.3.2", Curve.P384 => "1.2.840.10045.4.3.3", _ => "1.2.840.10045.4.3.4" },
            EcPublicKeyOid,
            nistSecurityLevel: 0,
            classicalSecurityBits: curve switch { Curve.P256 => 128, Curve.P384 => 192, _ => 256 },
            publicKeySize: 1 + (2 * FieldSize(curve)),
            signatureSize: curve switch { Curve.P256 => 72, Curve.P384 => 104, _ => 139 },
            standard: "FIPS 186-5")
    {
        CurveName = curve switch { Curve.P256 => "P-256", Curve.P384 => "P-384", _ => "P-521" };
        CurveOid = curve switch { Curve.P256 => "1.2.840.10045.3.1.7", Curve.P384 => "1.3.132.0.34", _ => "1.3.132.0.35" };
        NamedCurve = curve switch { Curve.P256 => ECCurve.NamedCurves.nistP256, Curve.P384 => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 };
        Hash = curve switch { Curve.P256 => HashAlgorithmName.SHA256, Curve.P384 => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
        CoordinateSize = FieldSize(curve);
    }

    internal enum Curve
    {
        P256,
        P384,
        P521,
    }

    /// <summary>The curve's name (<c>P-256</c>, <c>P-384</c>, <c>P-521</c>).</summary>
    public string CurveName { get; }

    /// <summary>The curve's OID (namedCurve parameter of id-ecPublicKey).</summary>
    public string CurveOid { get; }

    internal ECCurve NamedCurve { get; }

    internal HashAlgorithmName Hash { get; }

    internal int CoordinateSize { get; }

    internal override KeyMaterial GenerateKeyMaterial()
    {
        var ecdsa = NewPrivateKeyObject();
        ecdsa.GenerateKey(NamedCurve);
        _ = ecdsa.ExportParameters(includePrivateParameters: false); // make sure the key exists now, not at first use
        return new PlatformKeyMaterial<ECDsa>(ecdsa, hasPrivateKey: true);
    }

    internal override KeyMaterial ImportPrivateKeyMaterial(byte[] pkcs8)
    {
        var ecdsa = NewPrivateKeyObject();
        try
        {
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new PlatformKeyMaterial<ECDsa>(ecdsa, hasPrivateKey: true);
        }
        catch (CryptographicException exception)
        {
            ecdsa.Dispose();
            throw new KeyFormatException("malformed EC private key", "PKCS#8 ECPrivateKey", exception);
        }
    }

    internal override KeyMaterial ImportPublicKeyMaterial(byte[] subjectPublicKeyInfo)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return new PlatformKeyMaterial<ECDsa>(ecdsa, hasPrivateKey: false);
        }
        catch (CryptographicException exception)
        {
            ecdsa.Dispose();
            throw new KeyFormatException("malformed EC public key", "SubjectPublicKeyInfo ECPoint", exception);
        }
    }

    internal override bool IsCompatible(KeyMaterial material) => material is PlatformKeyMaterial<ECDsa>;

    /// <summary>
    /// An empty ECDsa object for a private key. On Linux it is <see cref="ECDsaOpenSsl"/> itself rather than the
    /// wrapper <see cref="ECDsa.Create()"/> returns, because only ECDsaOpenSsl hands out its EVP_PKEY, which
    /// <see cref="OpenSslEcdsaSigner"/> needs to sign with a prepared OpenSSL context.
    /// </summary>
    internal static ECDsa NewPrivateKeyObject() => OperatingSystem.IsLinux() ? new ECDsaOpenSsl() : ECDsa.Create();

    /// <summary>The uncompressed point 04 || X || Y (SEC 1 §2.3.3).</summary>
    internal static byte[] EncodePoint(ECDsa ecdsa)
    {
        var parameters = ecdsa.ExportParameters(false);
        return [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
    }

    internal ECDsa DecodePoint(ReadOnlySpan<byte> point)
    {
        if (point.Length != PublicKeySize || point[0] != 0x04)
        {
            throw new KeyFormatException($"the {CurveName} point is not an uncompressed point of {PublicKeySize} bytes", "EC point");
        }

        try
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = NamedCurve,
                Q = new ECPoint { X = point.Slice(1, CoordinateSize).ToArray(), Y = point.Slice(1 + CoordinateSize).ToArray() },
            });
        }
        catch (CryptographicException exception)
        {
            throw new KeyFormatException($"the point is not on {CurveName}", "EC point", exception);
        }
    }

    private protected override int SignCore(KeyMaterial key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var material = (PlatformKeyMaterial<ECDsa>)key;
        if (OperatingSystem.IsLinux() && material.Accelerator(OpenSslEcdsaSigner.TryCreate) is { } fast)
        {
            // Same OpenSSL, same key, same DER output as ECDsa.TrySignData, without a new EVP_PKEY_CTX per call.
            Span<byte> digest = stackalloc byte[64];
            var digestLength = Hash == HashAlgorithmName.SHA256 ? SHA256.HashData(data, digest)
                : Hash == HashAlgorithmName.SHA384 ? SHA384.HashData(data, digest)
                : SHA512.HashData(data, digest);
            return fast.SignHash(digest[..digestLength], signature);
        }

        return material.Key.TrySignData(data, signature, Hash, DSASignatureFormat.Rfc3279DerSequence, out var written)
            ? written
            : throw new CryptographicException("ECDSA signature buffer too small");
    }

    private protected override bool VerifyCore(KeyMaterial key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        ((PlatformKeyMaterial<ECDsa>)key).Key.VerifyData(data, signature, Hash, DSASignatureFormat.Rfc3279DerSequence);

    private static int FieldSize(Curve curve) => curve switch { Curve.P256 => 32, Curve.P384 => 48, _ => 66 };
}
