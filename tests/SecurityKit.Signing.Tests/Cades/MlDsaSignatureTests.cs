using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Tests.Infrastructure;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Tests.Cades;

[Collection(SharedPki.Name)]
public sealed class MlDsaSignatureTests(PkiFixture fixture)
{
    [Fact]
    public async Task An_ML_DSA_65_signature_verifies_with_BouncyCastle_CMS_and_our_validator()
    {
        var (signer, certificate) = IssueMlDsaSigner();
        var content = TestSigning.Content(3000, 30);

        var cms = await new CadesService().SignAsync(new MemoryStream(content), CadesSignatureParameters.For(signer), signer);

        // Independent check: BouncyCastle's own CMS verifier (OpenSSL 3.0 on this platform has no ML-DSA).
        var parsed = new CmsSignedData(new CmsProcessableByteArray(content), cms);
        var information = parsed.GetSignerInfos().GetSigners().Single();
        Assert.True(information.Verify(new X509CertificateParser().ReadCertificate(certificate.RawData)));
        Assert.Equal("2.16.840.1.101.3.4.3.18", information.SignatureAlgorithm.Algorithm.Id);
        Assert.Equal("2.16.840.1.101.3.4.2.3", information.DigestAlgorithmID.Algorithm.Id);

        var report = await fixture.ValidateAsync(cms, content, online: false);
        Assert.Equal("ML-DSA-65", report.SignatureAlgorithm);
        Assert.DoesNotContain(report.SubIndication, new SubIndication?[] { SubIndication.SigCryptoFailure, SubIndication.HashFailure, SubIndication.NoCertificateChainFound });
    }

    private (MlDsaSigner Signer, X509Certificate2 Certificate) IssueMlDsaSigner()
    {
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new SecureRandom(), MLDsaParameters.ml_dsa_65));
        var pair = generator.GenerateKeyPair();
        using var caKey = fixture.Pki.Intermediate.GetECDsaPrivateKey()!;
        var issuerKey = PrivateKeyFactory.CreateKey(caKey.ExportPkcs8PrivateKey());
        var issuer = new Org.BouncyCastle.X509.X509Certificate(fixture.Pki.Intermediate.RawData);
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(BigInteger.ValueOf(DateTime.UtcNow.Ticks));
        builder.SetIssuerDN(issuer.SubjectDN);
        builder.SetSubjectDN(new X509Name("C=BE,CN=ML-DSA TEST ONLY Signer"));
        builder.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        builder.SetNotAfter(DateTime.UtcNow.AddYears(1));
        builder.SetPublicKey(pair.Public);
        builder.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.NonRepudiation));
        builder.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        var certificate = X509CertificateLoader.LoadCertificate(builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", issuerKey)).GetEncoded());
        return (new MlDsaSigner((MLDsaPrivateKeyParameters)pair.Private, certificate, [fixture.Pki.Intermediate]), certificate);
    }
}
