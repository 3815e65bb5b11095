using System.Formats.Asn1;
using System.Security.Cryptography;
using SecurityKit.Signing.Cades;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.DevPki;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Tests.Infrastructure;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Tests.Cades;

[Collection(SharedPki.Name)]
public sealed class CadesSignatureTests(PkiFixture fixture)
{
    [Fact]
    public async Task Detached_B_B_verifies_with_openssl_and_our_validator()
    {
        var content = TestSigning.Content();
        var cms = await fixture.SignAsync(content);

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("bb.p7s", cms), fixture.Write("bb.bin", content), fixture.Pki.RootPemPath);
        var report = await fixture.ValidateAsync(cms, content);

        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("CAdES-BASELINE-B", report.Format);
    }

    [Fact]
    public async Task Enveloping_B_B_carries_the_content_and_openssl_extracts_it()
    {
        var content = TestSigning.Content(5000, 2);
        var cms = await fixture.SignAsync(content, packaging: SignaturePackaging.Enveloping);
        var extracted = Path.Combine(fixture.Directory, "extracted.bin");

        var openssl = await OpenSsl.CmsVerifyEnvelopingAsync(fixture.Write("env.p7m", cms), extracted, fixture.Pki.RootPemPath);
        var report = await fixture.ValidateAsync(cms, null);

        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        Assert.Equal(content, await File.ReadAllBytesAsync(extracted));
        Assert.Equal(Indication.TotalPassed, report.Indication);
    }

    [Fact]
    public async Task B_B_signs_content_type_message_digest_signing_time_and_signing_certificate_v2()
    {
        var cms = CmsSignedData.Decode(await fixture.SignAsync(TestSigning.Content()));
        var types = cms.SignerInfos[0].SignedAttributes.Select(a => a.Type).ToHashSet();

        Assert.Equal(new HashSet<string> { CmsOids.ContentType, CmsOids.MessageDigest, CmsOids.SigningTime, CmsOids.SigningCertificateV2 }, types);
        var print = await OpenSsl.CmsPrintAsync(fixture.Write("attrs.p7s", cms.Encode()));
        Assert.Contains("signingCertificateV2", print.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Pades_style_data_to_sign_has_no_signing_time()
    {
        using var signer = fixture.Signer();
        var parameters = new CadesSignatureParameters
        {
            SigningCertificate = signer.Certificate,
            CertificateChain = signer.CertificateChain,
            SignatureAlgorithm = signer.Algorithm,
            IncludeSigningTime = false,
        };

        var data = new CadesService().GetDataToSign(SHA256.HashData("byte ranges"u8), parameters);

        Assert.DoesNotContain(CmsAttribute.ReadSet(data.Bytes), a => a.Type == CmsOids.SigningTime);
    }

    [Fact]
    public async Task Three_step_flow_with_an_external_signature_value_gives_a_valid_signature()
    {
        var content = TestSigning.Content(3000, 3);
        using var device = fixture.Signer();
        var parameters = CadesSignatureParameters.For(device);
        var service = new CadesService();

        var data = await service.GetDataToSignAsync(new MemoryStream(content), parameters);
        using var rsa = device.Certificate.GetRSAPrivateKey()!;
        // The "device" signs the digest only, as an eID card or remote QSCD does.
        var value = rsa.SignHash(data.ComputeDigest(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var cms = await service.SignDocumentAsync(data, value);

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("3step.p7s", cms), fixture.Write("3step.bin", content), fixture.Pki.RootPemPath);
        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        Assert.Equal(Indication.TotalPassed, (await fixture.ValidateAsync(cms, content)).Indication);
    }

    [Fact]
    public async Task A_signature_value_from_the_wrong_key_is_refused_at_step_3()
    {
        using var device = fixture.Signer();
        var service = new CadesService();
        var data = await service.GetDataToSignAsync(new MemoryStream(TestSigning.Content()), CadesSignatureParameters.For(device));
        using var otherKey = RSA.Create(3072);
        var value = otherKey.SignData(data.Bytes.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var error = await Assert.ThrowsAsync<SecurityKitException>(() => service.SignDocumentAsync(data, value));

        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rsa_pss_signature_verifies_with_openssl()
    {
        var content = TestSigning.Content(2000, 4);
        using var pfx = fixture.Signer();
        using var signer = new CertificateKeySigner(pfx.Certificate, pfx.CertificateChain, SecurityKit.Signing.Algorithms.SignatureAlgorithm.RsaPssSha256);
        var cms = await new CadesService().SignAsync(new MemoryStream(content), CadesSignatureParameters.For(signer), signer);

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("pss.p7s", cms), fixture.Write("pss.bin", content), fixture.Pki.RootPemPath);

        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        Assert.Equal("RSA-PSS-SHA256", (await fixture.ValidateAsync(cms, content)).SignatureAlgorithm);
    }

    [Fact]
    public async Task Ecdsa_seal_signature_verifies_with_openssl_and_is_a_qualified_seal_claim()
    {
        var content = TestSigning.Content(2000, 5);
        var cms = await fixture.SignAsync(content, identity: TestPkiIdentity.Seal);

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("seal.p7s", cms), fixture.Write("seal.bin", content), fixture.Pki.RootPemPath);
        var report = await fixture.ValidateAsync(cms, content);

        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("QESeal", report.Qualification!.Conclusion);
    }

    [Fact]
    public async Task Signing_a_large_stream_detached_does_not_hold_it_in_memory()
    {
        using var signer = fixture.Signer();
        const long size = 256L * 1024 * 1024;
        var service = new CadesService();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var data = await service.GetDataToSignAsync(new PatternStream(size), CadesSignatureParameters.For(signer));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated} bytes for a {size}-byte stream");
        Assert.Equal(SHA256.HashData(new PatternStream(size)), data.ContentDigest.ToArray());
    }

    [Fact]
    public async Task A_parallel_signature_keeps_both_signatures_valid()
    {
        var content = TestSigning.Content(4000, 6);
        var first = await fixture.SignAsync(content);
        using var seal = fixture.Signer(TestPkiIdentity.Seal);

        var both = await new CadesService().AddSignatureAsync(first, new MemoryStream(content), CadesSignatureParameters.For(seal), seal);

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("parallel.p7s", both), fixture.Write("parallel.bin", content), fixture.Pki.RootPemPath);
        var reports = await new CadesValidator().ValidateAsync(both, SignedContent.FromBytes(content), fixture.Options());
        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r => Assert.Equal(Indication.TotalPassed, r.Indication));
    }

    [Fact]
    public async Task A_counter_signature_is_reported_and_valid()
    {
        var content = TestSigning.Content(4000, 7);
        var signed = await fixture.SignAsync(content);
        using var seal = fixture.Signer(TestPkiIdentity.Seal);

        var countersigned = await new CadesService().CounterSignAsync(signed, 0, seal);

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("counter.p7s", countersigned), fixture.Write("counter.bin", content), fixture.Pki.RootPemPath);
        var reports = await new CadesValidator().ValidateAsync(countersigned, SignedContent.FromBytes(content), fixture.Options());
        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        Assert.Equal(["S1", "S1-C1"], reports.Select(r => r.Id));
        Assert.All(reports, r => Assert.Equal(Indication.TotalPassed, r.Indication));
    }

    [Fact]
    public async Task Extend_raises_B_B_to_B_T_to_B_LT_to_B_LTA()
    {
        var content = TestSigning.Content(4000, 8);
        var service = fixture.Service();
        var cms = await fixture.SignAsync(content);
        var formats = new List<string?>();
        foreach (var level in new[] { SignatureLevel.BaselineT, SignatureLevel.BaselineLT, SignatureLevel.BaselineLTA })
        {
            cms = await service.ExtendAsync(cms, level, new MemoryStream(content));
            formats.Add((await fixture.ValidateAsync(cms, content, online: false)).Format);
        }

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("lta.p7s", cms), fixture.Write("lta.bin", content), fixture.Pki.RootPemPath);
        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        Assert.Equal(["CAdES-BASELINE-T", "CAdES-BASELINE-LT", "CAdES-BASELINE-LTA"], formats);
        Assert.Equal(Indication.TotalPassed, (await fixture.ValidateAsync(cms, content, online: false)).Indication);
    }

    [Fact]
    public async Task A_B_LT_signature_validates_offline_from_its_embedded_data()
    {
        var content = TestSigning.Content(1000, 9);
        var cms = await fixture.SignAsync(content, SignatureLevel.BaselineLT);

        var report = await fixture.ValidateAsync(cms, content, online: false);

        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.All(report.Revocation, r => Assert.Equal("embedded", r.Origin));
    }

    [Fact]
    public async Task B_LT_with_OCSP_and_CRLs_down_says_exactly_what_is_missing()
    {
        fixture.Server.Faults.OcspUnavailable = true;
        fixture.Server.Faults.CrlUnavailable = true;
        try
        {
            var error = await Assert.ThrowsAsync<SecurityKit.Signing.Revocation.RevocationException>(() => fixture.SignAsync(TestSigning.Content(), SignatureLevel.BaselineLT));

            Assert.Contains("no revocation data for 'Alice Tester (TEST ONLY Signature)'", error.Message, StringComparison.Ordinal);
            Assert.Contains("OCSP", error.Message, StringComparison.Ordinal);
            Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Server.Faults.OcspUnavailable = false;
            fixture.Server.Faults.CrlUnavailable = false;
        }
    }

    [Fact]
    public async Task One_flipped_byte_of_the_signature_value_fails_openssl_and_our_validator()
    {
        var content = TestSigning.Content(1000, 10);
        var cms = await fixture.SignAsync(content);
        var signature = CmsSignedData.Decode(cms).SignerInfos[0].Signature.ToArray();
        var at = cms.AsSpan().IndexOf(signature) + 10;
        cms[at] ^= 0x01;

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("badsig.p7s", cms), fixture.Write("badsig.bin", content), fixture.Pki.RootPemPath);
        var report = await fixture.ValidateAsync(cms, content);

        Assert.NotEqual(0, openssl.ExitCode);
        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.Equal(SubIndication.SigCryptoFailure, report.SubIndication);
    }

    [Fact]
    public async Task One_flipped_byte_of_content_fails_openssl_and_our_validator()
    {
        var content = TestSigning.Content(1000, 11);
        var cms = await fixture.SignAsync(content);
        var tampered = content.ToArray();
        tampered[500] ^= 0x01;

        var openssl = await OpenSsl.CmsVerifyDetachedAsync(fixture.Write("tamper.p7s", cms), fixture.Write("tamper.bin", tampered), fixture.Pki.RootPemPath);
        var report = await fixture.ValidateAsync(cms, tampered);

        Assert.NotEqual(0, openssl.ExitCode);
        Assert.Equal(SubIndication.HashFailure, report.SubIndication);
    }

    /// <summary>A deterministic, non-seekable stream of <c>length</c> bytes produced on the fly.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[i] = (byte)((_position + i) * 31 % 251);
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
