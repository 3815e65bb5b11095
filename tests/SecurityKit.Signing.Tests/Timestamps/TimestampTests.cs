using System.Security.Cryptography;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.DevPki;
using SecurityKit.Signing.Tests.Infrastructure;
using SecurityKit.Signing.Timestamps;
using SecurityKit.Signing.Validation;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Timestamps;

[Collection(SharedPki.Name)]
public sealed class TimestampTests(PkiFixture fixture)
{
    [Fact]
    public async Task B_T_signature_timestamp_verifies_with_openssl_ts()
    {
        var content = TestSigning.Content(2000, 20);
        var cms = await fixture.SignAsync(content, SignatureLevel.BaselineT);
        var signer = CmsSignedData.Decode(cms).SignerInfos[0];
        var token = Assert.Single(signer.Unsigned(CmsOids.SignatureTimeStampToken)).Values[0].ToArray();
        var imprint = Convert.ToHexString(SHA256.HashData(signer.Signature.Span));
        var chain = fixture.Write("tsa-chain.pem", System.Text.Encoding.ASCII.GetBytes(
            fixture.Pki[TestPkiIdentity.TimestampAuthority].ExportCertificatePem() + "\n" + fixture.Pki.Intermediate.ExportCertificatePem() + "\n"));

        var good = await OpenSsl.TsVerifyAsync(fixture.Write("token.der", token), imprint, fixture.Pki.RootPemPath, chain);
        var wrongImprint = await OpenSsl.TsVerifyAsync(fixture.Write("token2.der", token), Convert.ToHexString(SHA256.HashData(content)), fixture.Pki.RootPemPath, chain);

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.NotEqual(0, wrongImprint.ExitCode);
    }

    [Fact]
    public async Task B_T_signature_verifies_with_openssl_cms_and_is_proven_at_the_timestamp()
    {
        var content = TestSigning.Content(2000, 21);
        var cms = await fixture.SignAsync(content, SignatureLevel.BaselineT);

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("bt.p7s", cms), fixture.Write("bt.bin", content), fixture.Pki.RootPemPath);
        var report = await fixture.ValidateAsync(cms, content);

        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        Assert.Equal("CAdES-BASELINE-T", report.Format);
        Assert.NotNull(report.ProvenSigningTime);
        Assert.True(Assert.Single(report.Timestamps).Valid);
    }

    [Fact]
    public async Task The_client_returns_a_token_whose_policy_is_the_requested_one()
    {
        var client = new HttpTimestampClient(TestSigning.Http, new TimestampClientOptions { Url = fixture.Server.BaseUrl, Policy = TestPki.TsaPolicy });

        var token = await client.GetTimestampAsync(SHA256.HashData("x"u8));

        Assert.Equal(TestPki.TsaPolicy, token.Policy);
        Assert.NotNull(token.AuthorityCertificate);
    }

    [Fact]
    public async Task An_unreachable_TSA_gives_a_clear_error_after_the_retries()
    {
        var client = new HttpTimestampClient(TestSigning.Http, new TimestampClientOptions { Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/"), MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<TimestampException>(() => client.GetTimestampAsync(SHA256.HashData("x"u8)));

        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TSA_answering_garbage_is_refused()
    {
        await using var server = TestPkiServer.Start(fixture.Pki, FreePort.Next());
        server.Faults.TimestampGarbage = true;
        var client = new HttpTimestampClient(TestSigning.Http, new TimestampClientOptions { Url = server.BaseUrl });

        var error = await Assert.ThrowsAsync<TimestampException>(() => client.GetTimestampAsync(SHA256.HashData("x"u8)));

        Assert.Contains("not a valid timestamp response", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TSA_answering_503_is_retried_with_backoff_then_reported()
    {
        await using var server = TestPkiServer.Start(fixture.Pki, FreePort.Next());
        server.Faults.TimestampUnavailable = true;
        var client = new HttpTimestampClient(TestSigning.Http, new TimestampClientOptions { Url = server.BaseUrl, MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<TimestampException>(() => client.GetTimestampAsync(SHA256.HashData("x"u8)));

        Assert.Equal(3, server.TimestampRequests);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_signature_timestamp_makes_the_signature_indeterminate()
    {
        var content = TestSigning.Content(2000, 22);
        var cms = CmsSignedData.Decode(await fixture.SignAsync(content, SignatureLevel.BaselineT));
        var signer = cms.SignerInfos[0];
        var token = signer.UnsignedAttributes[0].Values[0].ToArray();
        token[^5] ^= 0x01; // inside the TSA's signature value
        signer.UnsignedAttributes[0] = CmsAttribute.Create(CmsOids.SignatureTimeStampToken, token);

        var report = await fixture.ValidateAsync(cms.Encode(), content);

        Assert.Equal(Indication.Indeterminate, report.Indication);
        Assert.Equal(SubIndication.SigConstraintsFailure, report.SubIndication);
        Assert.False(Assert.Single(report.Timestamps).Valid);
    }
}
