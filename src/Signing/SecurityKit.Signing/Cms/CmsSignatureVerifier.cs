using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Cms;

/// <summary>
/// Verifies a signature value for any signatureAlgorithm identifier a CMS may carry (RSA PKCS#1, RSASSA-PSS with its
/// parameters, ECDSA, ML-DSA). BouncyCastle does it because it reads the algorithm parameters (PSS) from the
/// identifier itself and supports ML-DSA where the platform's OpenSSL 3.0 does not.
/// </summary>
internal static class CmsSignatureVerifier
{
    public static bool Verify(ReadOnlySpan<byte> certificate, ReadOnlySpan<byte> signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            var publicKey = new Org.BouncyCastle.X509.X509Certificate(certificate.ToArray()).GetPublicKey();
            return Verify(publicKey, signatureAlgorithm, data, signature);
        }
        catch (Exception e) when (e is CryptoException or ArgumentException or InvalidOperationException or SecurityUtilityException or Asn1Exception or IOException)
        {
            return false;
        }
    }

    public static bool Verify(AsymmetricKeyParameter publicKey, ReadOnlySpan<byte> signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            var identifier = AlgorithmIdentifier.GetInstance(Asn1Object.FromByteArray(signatureAlgorithm.ToArray()));
            if (SignatureAlgorithm.MlDsaFromOid(identifier.Algorithm.Id) is not null)
            {
                if (publicKey is not MLDsaPublicKeyParameters mlDsa || SecurityKit.Signing.Keys.MlDsaParameterSets.AlgorithmFor(mlDsa.Parameters)?.Oid != identifier.Algorithm.Id)
                {
                    return false;
                }

                var signer = new Org.BouncyCastle.Crypto.Signers.MLDsaSigner(mlDsa.Parameters, deterministic: false);
                signer.Init(false, mlDsa);
                signer.BlockUpdate(data);
                return signer.VerifySignature(signature.ToArray());
            }

            var factory = new Asn1VerifierFactory(identifier, publicKey);
            var calculator = factory.CreateCalculator();
            using (var stream = calculator.Stream)
            {
                stream.Write(data);
            }

            return calculator.GetResult().IsVerified(signature.ToArray());
        }
        catch (Exception e) when (e is CryptoException or ArgumentException or InvalidOperationException or SecurityUtilityException or Asn1Exception or IOException)
        {
            return false;
        }
    }
}
