using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.DevPki;
using SecurityKit.Signing.Tests.Infrastructure;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Tests.Validation;

[Collection(SharedPki.Name)]
public sealed class ValidationTests(PkiFixture fixture)
{
    [Fact]
    public async Task A_signature_from_an_unknown_CA_is_indeterminate_without_a_chain()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherRoot = new CertificateRequest("CN=Some other root", otherKey, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        var reports = await new CadesValidator().ValidateAsync(cms, SignedContent.FromBytes(content), new ValidationOptions { TrustAnchors = [otherRoot] });

        Assert.Equal(Indication.Indeterminate, reports[0].Indication);
        Assert.Equal(SubIndication.NoCertificateChainFound, reports[0].SubIndication);
    }

    [Fact]
    public async Task A_revoked_signer_without_timestamp_is_revoked_no_poe()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content, identity: TestPkiIdentity.Revoked);

        var report = await fixture.ValidateAsync(cms, content);

        Assert.Equal(Indication.Indeterminate, report.Indication);
        Assert.Equal(SubIndication.RevokedNoPoe, report.SubIndication);
    }

    [Fact]
    public async Task A_revoked_signer_timestamped_after_the_revocation_is_total_failed_revoked()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignTimestampedAsync(content, TestPkiIdentity.Revoked);

        var report = await fixture.ValidateAsync(cms, content);

        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.Equal(SubIndication.Revoked, report.SubIndication);
    }

    [Fact]
    public async Task An_expired_signer_without_timestamp_is_out_of_bounds_no_poe()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content, identity: TestPkiIdentity.Expired);

        var report = await fixture.ValidateAsync(cms, content);

        Assert.Equal(Indication.Indeterminate, report.Indication);
        Assert.Equal(SubIndication.OutOfBoundsNoPoe, report.SubIndication);
    }

    [Fact]
    public async Task An_expired_signer_timestamped_after_expiry_is_total_failed_expired()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignTimestampedAsync(content, TestPkiIdentity.Expired);

        var report = await fixture.ValidateAsync(cms, content);

        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.Equal(SubIndication.Expired, report.SubIndication);
    }

    [Fact]
    public async Task A_detached_signature_without_its_content_is_signed_data_not_found()
    {
        var cms = await fixture.SignAsync(TestSigning.Content());

        var report = await fixture.ValidateAsync(cms, null);

        Assert.Equal(SubIndication.SignedDataNotFound, report.SubIndication);
    }

    [Fact]
    public async Task Another_document_as_detached_content_is_a_hash_failure()
    {
        var cms = await fixture.SignAsync(TestSigning.Content(1000, 1));

        var report = await fixture.ValidateAsync(cms, TestSigning.Content(1000, 2));

        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.Equal(SubIndication.HashFailure, report.SubIndication);
    }

    [Fact]
    public async Task With_the_OCSP_responder_and_CRLs_down_validation_says_try_later_and_names_the_certificate()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content);
        fixture.Server.Faults.OcspUnavailable = true;
        fixture.Server.Faults.CrlUnavailable = true;
        try
        {
            var report = await fixture.ValidateAsync(cms, content);

            Assert.Equal(Indication.Indeterminate, report.Indication);
            Assert.Equal(SubIndication.TryLater, report.SubIndication);
            Assert.Contains(report.Errors, e => e.Contains("no revocation data for 'Alice Tester", StringComparison.Ordinal));
        }
        finally
        {
            fixture.Server.Faults.OcspUnavailable = false;
            fixture.Server.Faults.CrlUnavailable = false;
        }
    }

    [Fact]
    public async Task When_OCSP_is_down_the_CRL_is_used()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content);
        fixture.Server.Faults.OcspUnavailable = true;
        try
        {
            var report = await fixture.ValidateAsync(cms, content);

            Assert.Equal(Indication.TotalPassed, report.Indication);
            Assert.Equal("CRL", report.Revocation[0].Kind);
        }
        finally
        {
            fixture.Server.Faults.OcspUnavailable = false;
        }
    }

    [Fact]
    public async Task A_certificate_without_non_repudiation_cannot_make_a_valid_signature()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content, identity: TestPkiIdentity.TimestampAuthority);

        var report = await fixture.ValidateAsync(cms, content);

        Assert.Equal(SubIndication.ChainConstraintsFailure, report.SubIndication);
    }

    [Fact]
    public async Task The_signer_qc_statements_make_a_qualified_signature_claim()
    {
        var content = TestSigning.Content();
        var report = await fixture.ValidateAsync(await fixture.SignAsync(content), content);

        var qualification = report.Qualification!;
        Assert.True(qualification.QcCompliance);
        Assert.True(qualification.QcSscd);
        Assert.Equal(["esign"], qualification.QcTypes);
        Assert.Equal("natural person", qualification.Semantics);
        Assert.Equal("QESig", qualification.Conclusion);
    }

    [Fact]
    public async Task The_json_report_uses_the_ETSI_indication_names()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content);

        var json = (await new SignedDocumentValidator().ValidateAsync(new MemoryStream(cms), SignedContent.FromBytes(TestSigning.Content(1000, 99)), fixture.Options())).ToJson();

        Assert.Contains("\"indication\": \"TOTAL_FAILED\"", json, StringComparison.Ordinal);
        Assert.Contains("\"subIndication\": \"HASH_FAILURE\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PEM_wrapped_CMS_is_validated_like_DER()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content);
        var pem = System.Text.Encoding.ASCII.GetBytes(PemEncoding.WriteString("CMS", cms));

        var report = await new SignedDocumentValidator().ValidateAsync(new MemoryStream(pem), SignedContent.FromBytes(content), fixture.Options());

        Assert.True(report.AllPassed);
    }

    [Fact]
    public async Task A_second_validation_uses_the_revocation_cache()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content);
        var options = fixture.Options();
        await new CadesValidator().ValidateAsync(cms, SignedContent.FromBytes(content), options);
        var before = fixture.Server.OcspRequests + fixture.Server.CrlRequests;

        await new CadesValidator().ValidateAsync(cms, SignedContent.FromBytes(content), options);

        Assert.Equal(before, fixture.Server.OcspRequests + fixture.Server.CrlRequests);
    }

    [Fact]
    public async Task Corrupt_CMS_gives_a_typed_error_naming_the_structure()
    {
        var cms = await fixture.SignAsync(TestSigning.Content());

        var error = await Assert.ThrowsAsync<SecurityKitException>(() => new CadesValidator().ValidateAsync(cms.AsMemory(0, cms.Length / 2), null, fixture.Options(online: false)));

        Assert.Equal("CMS SignedData", error.Location);
    }
}
