using System.Formats.Asn1;
using Org.BouncyCastle.Ocsp;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Pades.Validation;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Tests.Infrastructure;
using SecurityKit.Signing.Tests.Pades;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Tests.Validation;

/// <summary>
/// Validation data beyond SignedData.crls: CAdES revocation-values / certificate-values (RFC 5126 §6.3.3/§6.3.4) and
/// data the caller gives in <see cref="ValidationOptions"/>.
/// </summary>
[Collection(SharedPki.Name)]
public sealed class ValidationDataTests(PkiFixture fixture)
{
    // A B-LT CMS whose revocation data and certificates are moved from SignedData into the CAdES unsigned attributes
    // revocation-values (OCSP as BasicOCSPResponse, EN 319 122-1 §5.5.2) and certificate-values.
    private static byte[] MoveValidationDataToUnsignedAttributes(byte[] cms, int keepCertificates)
    {
        var signedData = CmsSignedData.Decode(cms);
        var basics = new List<byte[]>();
        var crls = new List<byte[]>();
        foreach (var (kind, encoded) in EmbeddedRevocation.Read(signedData.RevocationInfo))
        {
            if (kind == RevocationSourceKind.Ocsp)
            {
                basics.Add(((BasicOcspResp)new OcspResp(encoded.ToArray()).GetResponseObject()).GetEncoded());
            }
            else
            {
                crls.Add(encoded.ToArray());
            }
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (crls.Count > 0)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                using (writer.PushSequence())
                {
                    crls.ForEach(c => writer.WriteEncodedValue(c));
                }
            }

            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
            using (writer.PushSequence())
            {
                basics.ForEach(b => writer.WriteEncodedValue(b));
            }
        }

        var certificates = new AsnWriter(AsnEncodingRules.DER);
        using (certificates.PushSequence())
        {
            foreach (var certificate in signedData.Certificates.Skip(keepCertificates))
            {
                certificates.WriteEncodedValue(certificate.Span);
            }
        }

        var signer = signedData.SignerInfos[0];
        signer.UnsignedAttributes.Add(CmsAttribute.Create(CmsOids.RevocationValues, writer.Encode()));
        signer.UnsignedAttributes.Add(CmsAttribute.Create(CmsOids.CertificateValues, certificates.Encode()));
        signedData.RevocationInfo.Clear();
        signedData.Certificates.RemoveRange(keepCertificates, signedData.Certificates.Count - keepCertificates);
        return signedData.Encode();
    }

    [Fact]
    public async Task Revocation_values_and_certificate_values_validate_a_signature_offline()
    {
        var content = TestSigning.Content();
        var cms = MoveValidationDataToUnsignedAttributes(await fixture.SignAsync(content, SignatureLevel.BaselineLT), keepCertificates: 1);

        var report = await fixture.ValidateAsync(cms, content, online: false);

        Assert.True(report.Indication == Indication.TotalPassed, string.Join("; ", report.Errors));
        Assert.Contains(report.Revocation, r => r.Origin == "revocation-values");
    }

    [Fact]
    public async Task OCSP_responses_given_in_the_options_validate_a_B_B_signature_offline()
    {
        var content = TestSigning.Content();
        var lt = CmsSignedData.Decode(await fixture.SignAsync(content, SignatureLevel.BaselineLT));
        var bb = await fixture.SignAsync(content);
        var options = new ValidationOptions
        {
            TrustAnchors = [fixture.Pki.Root],
            AdditionalOcspResponses = [.. EmbeddedRevocation.Read(lt.RevocationInfo).Where(r => r.Kind == RevocationSourceKind.Ocsp).Select(r => r.Encoded)],
            AdditionalCrls = [.. EmbeddedRevocation.Read(lt.RevocationInfo).Where(r => r.Kind == RevocationSourceKind.Crl).Select(r => r.Encoded)],
        };

        var report = Assert.Single(await new CadesValidator().ValidateAsync(bb, SignedContent.FromBytes(content), options));

        Assert.True(report.Indication == Indication.TotalPassed, string.Join("; ", report.Errors));
        Assert.All(report.Revocation, r => Assert.Equal("given", r.Origin));
    }

    [Fact]
    public async Task The_TSA_chain_revocation_is_checked_and_reported()
    {
        var content = TestSigning.Content();
        var report = await fixture.ValidateAsync(await fixture.SignAsync(content, SignatureLevel.BaselineT), content);

        Assert.Equal(Indication.TotalPassed, report.Indication);
        var tsa = Assert.Single(report.Timestamps).Authority;
        Assert.Contains(report.Revocation, r => r.Certificate == tsa);
    }

    [Fact]
    public async Task A_timestamp_from_a_TSA_revoked_before_it_is_not_valid()
    {
        using var pki = new PadesTestPki();
        pki.Revoked.Add(pki.Tsa.SerialNumberBytes.ToArray());
        using var http = new HttpClient();
        using var input = new MemoryStream(TestPdfs.Classic(1));
        using var output = new MemoryStream();
        await new PadesSigner(http).SignAsync(input, output, new PadesSignatureParameters
        {
            SigningCertificate = pki.Signer,
            Level = PadesLevel.BaselineT,
            TimestampAuthority = pki.TsaUrl,
        });
        output.Position = 0;

        var signature = Assert.Single((await new PadesValidator(http).ValidateAsync(output, pki.Anchors)).Signatures);

        Assert.Equal(PadesIndication.Indeterminate, signature.Indication);
        Assert.Contains(signature.Errors, e => e.Contains("revoked", StringComparison.Ordinal) && e.Contains("TSA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_archive_timestamp_from_a_TSA_revoked_before_it_is_not_valid()
    {
        using var pki = new PadesTestPki();
        pki.Revoked.Add(pki.Tsa.SerialNumberBytes.ToArray());
        using var http = new HttpClient();
        var content = TestSigning.Content();
        using var signer = new SecurityKit.Signing.Keys.CertificateKeySigner(pki.Signer, [pki.Root]);
        var service = new CadesService(
            new SecurityKit.Signing.Timestamps.HttpTimestampClient(http, new SecurityKit.Signing.Timestamps.TimestampClientOptions { Url = pki.TsaUrl }),
            new ValidationDataCollector(new RevocationChecker(http)));
        var cms = await service.SignAsync(new MemoryStream(content), CadesSignatureParameters.For(signer, SignatureLevel.BaselineLTA), signer);

        var report = Assert.Single(await new CadesValidator().ValidateAsync(cms, SignedContent.FromBytes(content), new ValidationOptions { TrustAnchors = [pki.Root] }));

        var archive = Assert.Single(report.Timestamps, t => t.Type == "ARCHIVE_TIMESTAMP");
        Assert.False(archive.Valid);
        Assert.Contains("revoked", archive.Message, StringComparison.Ordinal);
        Assert.NotEqual(Indication.TotalPassed, report.Indication);
    }
}
