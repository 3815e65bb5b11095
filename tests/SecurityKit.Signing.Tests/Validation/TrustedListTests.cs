using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using SecurityKit.Signing.Tests.Infrastructure;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Tests.Validation;

[Collection(SharedPki.Name)]
public sealed class TrustedListTests(PkiFixture fixture)
{
    [Fact]
    public async Task A_signer_under_a_listed_CA_QC_service_is_qualified_and_trusted()
    {
        var list = TrustedList.Load(new MemoryStream(Encoding.UTF8.GetBytes(List(("http://uri.etsi.org/TrstSvc/Svctype/CA/QC", fixture.Pki.Root.RawData)))));
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content);

        var report = (await new CadesValidator().ValidateAsync(cms, SignedContent.FromBytes(content), ValidationOptions.FromTrustedList(list, new SecurityKit.Signing.Revocation.RevocationChecker(TestSigning.Http)))).Single();

        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("QESig", report.Qualification!.Conclusion);
    }

    [Fact]
    public async Task A_signer_under_a_non_qualified_service_is_not_qualified_whatever_it_claims()
    {
        var list = TrustedList.Load(new MemoryStream(Encoding.UTF8.GetBytes(List(("http://uri.etsi.org/TrstSvc/Svctype/CA/PKC", fixture.Pki.Root.RawData)))));
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content);

        var report = (await new CadesValidator().ValidateAsync(cms, SignedContent.FromBytes(content), ValidationOptions.FromTrustedList(list, new SecurityKit.Signing.Revocation.RevocationChecker(TestSigning.Http)))).Single();

        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("AdES", report.Qualification!.Conclusion);
    }

    [Fact]
    public void A_trusted_list_with_a_DTD_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><TrustServiceStatusList xmlns=\"http://uri.etsi.org/02231/v2#\">&e;</TrustServiceStatusList>";

        var error = Assert.Throws<SecurityKitException>(() => TrustedList.Load(new MemoryStream(Encoding.UTF8.GetBytes(xml))));

        Assert.Contains("not well-formed", error.Message, StringComparison.Ordinal);
    }

    // An enveloped XML signature over the whole list, as TS 119 612 §5.7.1 has it (XAdES properties left out).
    private static byte[] Signed(string list, RSA key, X509Certificate2 certificate)
    {
        var xml = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        xml.LoadXml(list);
        var signed = new SignedXml(xml) { SigningKey = key };
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference(string.Empty) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.ComputeSignature();
        xml.DocumentElement!.AppendChild(xml.ImportNode(signed.GetXml(), deep: true));
        return Encoding.UTF8.GetBytes(xml.OuterXml);
    }

    private static X509Certificate2 ListSigner(RSA key) =>
        new CertificateRequest("CN=Trusted list scheme operator (TEST ONLY)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

    [Fact]
    public void A_signed_trusted_list_verifies_with_its_signer_certificate()
    {
        using var key = RSA.Create(2048);
        using var signer = ListSigner(key);
        var bytes = Signed(List(("http://uri.etsi.org/TrstSvc/Svctype/CA/QC", fixture.Pki.Root.RawData)), key, signer);

        var list = TrustedList.Load(new MemoryStream(bytes), "tl.xml", [signer]);

        Assert.True(list.SignatureVerified);
        Assert.Single(list.TrustAnchors);
    }

    [Fact]
    public void A_trusted_list_altered_after_signing_is_refused()
    {
        using var key = RSA.Create(2048);
        using var signer = ListSigner(key);
        var text = Encoding.UTF8.GetString(Signed(List(("http://uri.etsi.org/TrstSvc/Svctype/CA/PKC", fixture.Pki.Root.RawData)), key, signer));
        var altered = Encoding.UTF8.GetBytes(text.Replace("Svctype/CA/PKC", "Svctype/CA/QC", StringComparison.Ordinal));

        var error = Assert.Throws<SecurityKitException>(() => TrustedList.Load(new MemoryStream(altered), "tl.xml", [signer]));

        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_list_signed_by_another_key_is_refused()
    {
        using var key = RSA.Create(2048);
        using var signer = ListSigner(key);
        using var otherKey = RSA.Create(2048);
        using var other = ListSigner(otherKey);
        var bytes = Signed(List(("http://uri.etsi.org/TrstSvc/Svctype/CA/QC", fixture.Pki.Root.RawData)), otherKey, other);

        Assert.Throws<SecurityKitException>(() => TrustedList.Load(new MemoryStream(bytes), "tl.xml", [signer]));
    }

    [Fact]
    public void An_unsigned_trusted_list_is_refused_when_a_signer_is_expected_and_read_unverified_otherwise()
    {
        var bytes = Encoding.UTF8.GetBytes(List(("http://uri.etsi.org/TrstSvc/Svctype/CA/QC", fixture.Pki.Root.RawData)));
        using var key = RSA.Create(2048);
        using var signer = ListSigner(key);

        Assert.Throws<SecurityKitException>(() => TrustedList.Load(new MemoryStream(bytes), "tl.xml", [signer]));
        Assert.False(TrustedList.Load(new MemoryStream(bytes)).SignatureVerified);
    }

    private static string List(params (string Type, byte[] Certificate)[] services)
    {
        var builder = new StringBuilder("<TrustServiceStatusList xmlns=\"http://uri.etsi.org/02231/v2#\"><TrustServiceProviderList><TrustServiceProvider><TSPServices>");
        foreach (var (type, certificate) in services)
        {
            builder.Append("<TSPService><ServiceInformation>")
                .Append("<ServiceTypeIdentifier>").Append(type).Append("</ServiceTypeIdentifier>")
                .Append("<ServiceDigitalIdentity><DigitalId><X509Certificate>").Append(Convert.ToBase64String(certificate)).Append("</X509Certificate></DigitalId></ServiceDigitalIdentity>")
                .Append("<ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>")
                .Append("</ServiceInformation></TSPService>");
        }

        return builder.Append("</TSPServices></TrustServiceProvider></TrustServiceProviderList></TrustServiceStatusList>").ToString();
    }
}
