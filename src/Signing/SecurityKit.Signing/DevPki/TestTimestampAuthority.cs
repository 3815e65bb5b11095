using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace SecurityKit.Signing.DevPki;

/// <summary>
/// The test TSA: answers RFC 3161 requests with tokens signed by the PKI's timestamping unit, under
/// <see cref="TestPki.TsaPolicy"/>, echoing the nonce and including its certificate chain when asked (certReq).
/// BouncyCastle generates the tokens (the platform has no TSA side).
/// </summary>
internal sealed class TestTimestampAuthority
{
    private readonly Org.BouncyCastle.Crypto.AsymmetricKeyParameter _key;
    private readonly BcCertificate _certificate;
    private readonly BcCertificate[] _chain;

    public TestTimestampAuthority(TestPki pki)
    {
        var tsa = pki[TestPkiIdentity.TimestampAuthority];
        using var ecdsa = tsa.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the TSA key is not ECDSA");
        _key = PrivateKeyFactory.CreateKey(ecdsa.ExportPkcs8PrivateKey());
        _certificate = new BcCertificate(tsa.RawData);
        _chain = [_certificate, new BcCertificate(pki.Intermediate.RawData)];
    }

    public byte[] Answer(byte[] query)
    {
        TimeStampRequest request;
        try
        {
            request = new TimeStampRequest(query);
        }
        catch (Exception e) when (e is IOException or ArgumentException or TspException or Org.BouncyCastle.Asn1.Asn1Exception or InvalidCastException)
        {
            return new TimeStampResponseGenerator(Generator(), TspAlgorithms.Allowed)
                .GenerateFailResponse(Org.BouncyCastle.Asn1.Cmp.PkiStatus.Rejection, Org.BouncyCastle.Asn1.Cmp.PkiFailureInfo.BadDataFormat, "malformed request")
                .GetEncoded();
        }

        var serial = new BigInteger(1, RandomNumberGenerator.GetBytes(16));
        var response = new TimeStampResponseGenerator(Generator(), TspAlgorithms.Allowed).Generate(request, serial, DateTime.UtcNow);
        return response.GetEncoded();
    }

    private TimeStampTokenGenerator Generator()
    {
        var generator = new TimeStampTokenGenerator(_key, _certificate, TspAlgorithms.Sha256, TestPki.TsaPolicy);
        generator.SetCertificates(CollectionUtilities.CreateStore(_chain));
        generator.SetAccuracySeconds(1);
        return generator;
    }
}
