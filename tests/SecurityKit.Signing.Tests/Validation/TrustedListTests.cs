using System.Text;
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
