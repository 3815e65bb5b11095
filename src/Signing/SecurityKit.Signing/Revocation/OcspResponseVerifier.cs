using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace SecurityKit.Signing.Revocation;

/// <summary>
/// Checks an OCSP response about one certificate (RFC 6960): successful status, a SingleResponse for exactly this
/// issuer and serial, a signature by the issuing CA or by a responder the CA delegated with id-kp-OCSPSigning
/// (§4.2.2.2), and thisUpdate not in the future.
/// </summary>
internal static class OcspResponseVerifier
{
    private const string OcspSigningEku = "1.3.6.1.5.5.7.3.9";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Verifies <paramref name="encoded"/> and returns its statement about the certificate.</summary>
    /// <exception cref="RevocationException">The response is malformed, unsuccessful, about another certificate or badly signed.</exception>
    public static RevocationEvidence Verify(ReadOnlyMemory<byte> encoded, X509Certificate2 certificate, X509Certificate2 issuer, string source, DateTimeOffset now, byte[]? expectedNonce = null)
    {
        OcspResp response;
        BasicOcspResp basic;
        try
        {
            response = new OcspResp(encoded.ToArray());
            if (response.Status != OcspRespStatus.Successful)
            {
                throw new RevocationException($"the OCSP responder answered status {response.Status} (not successful)", source);
            }

            basic = response.GetResponseObject() as BasicOcspResp
                ?? throw new RevocationException("the OCSP response is not a basic OCSP response", source);
        }
        catch (Exception e) when (e is IOException or OcspException or ArgumentException or InvalidCastException or Asn1Exception)
        {
            throw new RevocationException("the OCSP answer is not a valid OCSP response", source, e);
        }

        var bcIssuer = Bc.Certificate(issuer);
        var serial = new BigInteger(1, certificate.SerialNumberBytes.ToArray());
        var single = basic.Responses.FirstOrDefault(r => r.GetCertID().SerialNumber.Equals(serial) && r.GetCertID().MatchesIssuer(bcIssuer))
            ?? throw new RevocationException("the OCSP response says nothing about this certificate", source);

        var signers = FindSigner(basic, bcIssuer)
            ?? throw new RevocationException("the OCSP response is not signed by the issuing CA or a responder it delegated", source);

        if (expectedNonce is not null)
        {
            var nonce = basic.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNonce);
            if (nonce is not null)
            {
                var inner = Asn1OctetString.GetInstance(nonce.GetOctets()).GetOctets();
                if (!inner.AsSpan().SequenceEqual(expectedNonce))
                {
                    throw new RevocationException("the OCSP response's nonce does not match the request (replay?)", source);
                }
            }
        }

        var thisUpdate = Bc.Time(single.ThisUpdate);
        if (thisUpdate > now + ClockSkew)
        {
            throw new RevocationException("the OCSP response's thisUpdate lies in the future", source);
        }

        DateTimeOffset? nextUpdate = single.NextUpdate is { } next ? Bc.Time(next) : null;
        var status = single.GetCertStatus();
        return status switch
        {
            null => new RevocationEvidence(RevocationSourceKind.Ocsp, RevocationStatus.Good, thisUpdate, nextUpdate, null, encoded, source, signers),
            RevokedStatus revoked => new RevocationEvidence(RevocationSourceKind.Ocsp, RevocationStatus.Revoked, thisUpdate, nextUpdate, Bc.Time(revoked.RevocationTime), encoded, source, signers),
            _ => new RevocationEvidence(RevocationSourceKind.Ocsp, RevocationStatus.Unknown, thisUpdate, nextUpdate, null, encoded, source, signers),
        };
    }

    private static X509Certificate2[]? FindSigner(BasicOcspResp basic, BcCertificate issuer)
    {
        if (SafeVerify(basic, issuer))
        {
            return [];
        }

        foreach (var candidate in basic.GetCerts())
        {
            if (!candidate.IssuerDN.Equivalent(issuer.SubjectDN) || !SafeVerifyCertificate(candidate, issuer))
            {
                continue;
            }

            var eku = candidate.GetExtendedKeyUsage();
            if (eku is null || !eku.Any(k => k.Id == OcspSigningEku))
            {
                continue;
            }

            if (SafeVerify(basic, candidate))
            {
                return [Bc.Certificate(candidate)];
            }
        }

        return null;
    }

    private static bool SafeVerify(BasicOcspResp basic, BcCertificate signer)
    {
        try
        {
            return basic.Verify(signer.GetPublicKey());
        }
        catch (Exception e) when (e is OcspException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool SafeVerifyCertificate(BcCertificate certificate, BcCertificate issuer)
    {
        try
        {
            certificate.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
    }
}
