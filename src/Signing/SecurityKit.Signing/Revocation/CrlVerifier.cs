using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace SecurityKit.Signing.Revocation;

/// <summary>
/// Checks a CRL about one certificate (RFC 5280 §6.3): issued by the certificate's issuer, signed by its key, and
/// looks the serial number up.
/// </summary>
internal static class CrlVerifier
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <exception cref="RevocationException">The CRL is malformed, from another issuer, or badly signed.</exception>
    public static RevocationEvidence Verify(ReadOnlyMemory<byte> encoded, X509Certificate2 certificate, X509Certificate2 issuer, string source, DateTimeOffset now)
    {
        X509Crl crl;
        try
        {
            crl = new X509CrlParser().ReadCrl(encoded.ToArray())
                ?? throw new RevocationException("the CRL is empty", source);
        }
        catch (Exception e) when (e is IOException or ArgumentException or Org.BouncyCastle.Security.Certificates.CrlException or Org.BouncyCastle.Asn1.Asn1Exception or InvalidCastException)
        {
            throw new RevocationException("the answer is not a valid CRL", source, e);
        }

        var bcIssuer = Bc.Certificate(issuer);
        if (!crl.IssuerDN.Equivalent(bcIssuer.SubjectDN))
        {
            throw new RevocationException("the CRL is issued by another CA than the certificate's issuer", source);
        }

        try
        {
            crl.Verify(bcIssuer.GetPublicKey());
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Crypto.CryptoException or ArgumentException or InvalidOperationException)
        {
            throw new RevocationException("the CRL's signature does not verify with the issuer's key", source, e);
        }

        var thisUpdate = Bc.Time(crl.ThisUpdate);
        if (thisUpdate > now + ClockSkew)
        {
            throw new RevocationException("the CRL's thisUpdate lies in the future", source);
        }

        DateTimeOffset? nextUpdate = crl.NextUpdate is { } next ? Bc.Time(next) : null;
        var entry = crl.GetRevokedCertificate(new BigInteger(1, certificate.SerialNumberBytes.ToArray()));
        return entry is null
            ? new RevocationEvidence(RevocationSourceKind.Crl, RevocationStatus.Good, thisUpdate, nextUpdate, null, encoded, source, [])
            : new RevocationEvidence(RevocationSourceKind.Crl, RevocationStatus.Revoked, thisUpdate, nextUpdate, Bc.Time(entry.RevocationDate), encoded, source, []);
    }
}
