using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace SecurityKit.Signing.Pades.Validation;

/// <summary>Revocation status found for a certificate.</summary>
internal enum RevocationFinding
{
    Good,
    Revoked,
    Unknown,
}

/// <summary>
/// Checks a certificate's revocation status from the DSS's OCSP responses and CRLs first (B-LT), then online when
/// allowed: the OCSP response must be signed by the issuer or by a responder it delegated to (RFC 6960 §4.2.2.2), the
/// CRL by the issuer (RFC 5280 §6.3). Interim: the shared revocation checker of the CAdES work replaces it.
/// </summary>
internal sealed class PadesRevocationChecker(HttpClient? http, IReadOnlyList<byte[]> dssOcsps, IReadOnlyList<byte[]> dssCrls)
{
    private const string OcspSigning = "1.3.6.1.5.5.7.3.9";

    public async Task<(RevocationFinding Finding, string Source)> CheckAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken)
    {
        foreach (var response in dssOcsps)
        {
            if (FromOcsp(response, certificate, issuer) is { } finding)
            {
                return (finding, "OCSP response in the DSS");
            }
        }

        foreach (var crl in dssCrls)
        {
            if (FromCrl(crl, certificate, issuer) is { } finding)
            {
                return (finding, "CRL in the DSS");
            }
        }

        if (http is null)
        {
            return (RevocationFinding.Unknown, "no revocation data in the document and online checks are off");
        }

        var collector = new PadesValidationDataCollector(http);
        if (await collector.TryOcspAsync(certificate, issuer, cancellationToken) is { } online && FromOcsp(online, certificate, issuer) is { } o)
        {
            return (o, "OCSP responder");
        }

        if (await collector.TryCrlAsync(certificate, cancellationToken) is { } crlOnline && FromCrl(crlOnline, certificate, issuer) is { } c)
        {
            return (c, "CRL");
        }

        return (RevocationFinding.Unknown, "no OCSP response or CRL could be obtained");
    }

    private static RevocationFinding? FromOcsp(byte[] der, X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            if (new OcspResp(der).GetResponseObject() is not BasicOcspResp basic)
            {
                return null;
            }

            var bcIssuer = new BcCertificate(issuer.RawData);
            var serial = new Org.BouncyCastle.Math.BigInteger(1, certificate.SerialNumberBytes.ToArray());
            var single = basic.Responses.FirstOrDefault(r => r.GetCertID().SerialNumber.Equals(serial) && r.GetCertID().MatchesIssuer(bcIssuer));
            if (single is null)
            {
                return null;
            }

            var signerOk = basic.Verify(bcIssuer.GetPublicKey())
                || (basic.GetCerts() ?? []).Any(responder =>
                    responder.IssuerDN.Equivalent(bcIssuer.SubjectDN)
                    && Verifies(responder, bcIssuer)
                    && (responder.GetExtendedKeyUsage()?.Any(u => u.Id == OcspSigning) ?? false)
                    && basic.Verify(responder.GetPublicKey()));
            if (!signerOk)
            {
                return null;
            }

            return single.GetCertStatus() switch
            {
                null => RevocationFinding.Good,
                RevokedStatus => RevocationFinding.Revoked,
                _ => RevocationFinding.Unknown,
            };
        }
        catch (Exception e) when (e is OcspException or IOException or ArgumentException or InvalidCastException or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return null;
        }
    }

    private static RevocationFinding? FromCrl(byte[] der, X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            var crl = new X509Crl(Org.BouncyCastle.Asn1.X509.CertificateList.GetInstance(der));
            var bcIssuer = new BcCertificate(issuer.RawData);
            if (!crl.IssuerDN.Equivalent(bcIssuer.SubjectDN))
            {
                return null;
            }

            crl.Verify(bcIssuer.GetPublicKey());
            return crl.IsRevoked(new BcCertificate(certificate.RawData)) ? RevocationFinding.Revoked : RevocationFinding.Good;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return null;
        }
    }

    private static bool Verifies(BcCertificate certificate, BcCertificate issuer)
    {
        try
        {
            certificate.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Crypto.CryptoException or InvalidOperationException)
        {
            return false;
        }
    }
}
