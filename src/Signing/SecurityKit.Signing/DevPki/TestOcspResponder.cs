using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace SecurityKit.Signing.DevPki;

/// <summary>
/// The test OCSP responder (RFC 6960): a delegated responder of the intermediate CA, answering good, revoked (for
/// <see cref="TestPkiIdentity.Revoked"/>) or unknown, valid for an hour, echoing the request nonce (RFC 8954).
/// </summary>
internal sealed class TestOcspResponder
{
    private readonly TestPki _pki;
    private readonly Org.BouncyCastle.Crypto.AsymmetricKeyParameter _key;
    private readonly BcCertificate _certificate;
    private readonly BcCertificate _issuer;
    private readonly HashSet<string> _issuedSerials;

    public TestOcspResponder(TestPki pki)
    {
        _pki = pki;
        var responder = pki[TestPkiIdentity.OcspResponder];
        using var ecdsa = responder.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the OCSP key is not ECDSA");
        _key = PrivateKeyFactory.CreateKey(ecdsa.ExportPkcs8PrivateKey());
        _certificate = new BcCertificate(responder.RawData);
        _issuer = new BcCertificate(pki.Intermediate.RawData);
        _issuedSerials = Enum.GetValues<TestPkiIdentity>()
            .Where(i => i is not (TestPkiIdentity.RootCa or TestPkiIdentity.IntermediateCa))
            .Select(i => Convert.ToHexString(pki[i].SerialNumberBytes.Span))
            .ToHashSet(StringComparer.Ordinal);
    }

    public byte[] Answer(byte[] query)
    {
        OcspReq request;
        try
        {
            request = new OcspReq(query);
        }
        catch (Exception e) when (e is IOException or ArgumentException or Asn1Exception or InvalidCastException)
        {
            return new OCSPRespGenerator().Generate(OCSPRespGenerator.MalformedRequest, null).GetEncoded();
        }

        var now = DateTime.UtcNow;
        var generator = new BasicOcspRespGenerator(new RespID(_certificate.GetPublicKey()));
        foreach (var single in request.GetRequestList())
        {
            var id = single.GetCertID();
            CertificateStatus? status;
            var serial = Convert.ToHexString(id.SerialNumber.ToByteArrayUnsigned());
            if (!id.MatchesIssuer(_issuer) || !_issuedSerials.Contains(serial))
            {
                status = new UnknownStatus();
            }
            else if (_pki.RevocationOf(Convert.FromHexString(serial)) is { } revokedAt)
            {
                status = new RevokedStatus(revokedAt.UtcDateTime, CrlReason.KeyCompromise);
            }
            else
            {
                status = CertificateStatus.Good;
            }

            generator.AddResponse(id, status, now.AddMinutes(-1), now.AddHours(1), null);
        }

        var nonce = request.RequestExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (nonce is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, nonce.Value.GetOctets());
            generator.SetResponseExtensions(extensions.Generate());
        }

        var basic = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", _key), [_certificate], now);
        return new OCSPRespGenerator().Generate(OCSPRespGenerator.Successful, basic).GetEncoded();
    }
}
