using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Pdf;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

public sealed class PadesSigningTests(PadesFixture fixture) : IClassFixture<PadesFixture>
{
    public static TheoryData<string> InputKinds => ["classic-1.4", "object-streams", "qdf", "incremental-update", "linearized", "hybrid"];

    private static async Task<byte[]> InputAsync(string kind) => kind switch
    {
        "classic-1.4" => TestPdfs.Classic(4),
        "object-streams" => await TestPdfs.RewriteAsync(TestPdfs.Classic(4), "--object-streams=generate", "--min-version=1.5"),
        "qdf" => await TestPdfs.RewriteAsync(TestPdfs.Classic(4), "--qdf"),
        "incremental-update" => TestPdfs.WithIncrementalUpdate(TestPdfs.Classic(2)),
        "linearized" => await TestPdfs.RewriteAsync(TestPdfs.Classic(4), "--linearize"),
        "hybrid" => TestPdfs.Hybrid(),
        _ => throw new ArgumentException(kind, nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(InputKinds))]
    public async Task Three_sequential_signatures_are_all_valid_in_pdfsig_and_qpdf_check_is_clean(string kind)
    {
        var pdf = await InputAsync(kind);
        for (var i = 0; i < 3; i++)
        {
            pdf = await fixture.SignAsync(pdf);
        }

        using var directory = new TemporaryDirectory("pades");
        var path = directory.File("signed.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var pdfsig = await TestPdfs.PdfsigAsync(path);
        Assert.Equal(3, TestPdfs.Count(pdfsig, "Signature is Valid"));
        Assert.Equal(3, TestPdfs.Count(pdfsig, "ETSI.CAdES.detached"));
        Assert.Contains("Total document signed", pdfsig[pdfsig.LastIndexOf("Signature #3", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var check = await TestPdfs.QpdfCheckAsync(path);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.DoesNotContain("WARNING", check.StandardOutput + check.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_original_bytes_are_an_unchanged_prefix_of_the_signed_file()
    {
        var pdf = TestPdfs.Classic(2);
        var signed = await fixture.SignAsync(pdf);
        Assert.True(signed.AsSpan(0, pdf.Length).SequenceEqual(pdf));
    }

    [Fact]
    public async Task The_byte_range_covers_everything_but_the_contents_string()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(2));
        var signature = Assert.Single(PdfSignatureInspector.Find(PdfDocument.Open(signed)));
        var r = signature.ByteRange;
        Assert.Equal(0, r[0]);
        Assert.Equal(signed.Length, r[2] + r[3]);
        Assert.Equal((byte)'<', signed[r[1]]);
        Assert.Equal((byte)'>', signed[r[2] - 1]);
        Assert.Equal((2 * signature.Contents.Length) + 2, r[2] - r[1]);
    }

    [Fact]
    public async Task The_CMS_has_signing_certificate_v2_and_no_signing_time_and_verifies_with_SignedCms()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(1));
        var signature = Assert.Single(PdfSignatureInspector.Find(PdfDocument.Open(signed)));
        var r = signature.ByteRange;
        byte[] content = [.. signed.AsSpan(0, (int)r[1]), .. signed.AsSpan((int)r[2], (int)r[3])];
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.Decode(signature.Der);
        cms.CheckSignature(verifySignatureOnly: true);
        var oids = cms.SignerInfos[0].SignedAttributes.Cast<CryptographicAttributeObject>().Select(a => a.Oid.Value).ToList();
        Assert.Contains("1.2.840.113549.1.9.16.2.47", oids);
        Assert.DoesNotContain("1.2.840.113549.1.9.5", oids);
        Assert.NotNull(signature.Dictionary["M"]);
    }

    [Fact]
    public async Task Openssl_cms_verifies_the_signature_over_the_byte_range()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(1));
        var signature = Assert.Single(PdfSignatureInspector.Find(PdfDocument.Open(signed)));
        var r = signature.ByteRange;
        using var directory = new TemporaryDirectory("pades-openssl");
        await File.WriteAllBytesAsync(directory.File("content"), [.. signed.AsSpan(0, (int)r[1]), .. signed.AsSpan((int)r[2], (int)r[3])]);
        await File.WriteAllBytesAsync(directory.File("sig.der"), signature.Der);
        await File.WriteAllTextAsync(directory.File("root.pem"), fixture.Pki.Root.ExportCertificatePem());
        var openssl = ExternalTool.Require("openssl", "openssl");
        var result = await ExternalTool.RunAsync(openssl, ["cms", "-verify", "-binary", "-inform", "DER", "-in", directory.File("sig.der"),
            "-content", directory.File("content"), "-CAfile", directory.File("root.pem"), "-purpose", "any", "-out", "/dev/null"]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task An_ECDSA_signer_is_valid_in_pdfsig()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(1), signer: fixture.Pki.EcSigner);
        using var directory = new TemporaryDirectory("pades");
        await File.WriteAllBytesAsync(directory.File("ec.pdf"), signed);
        Assert.Contains("Signature is Valid", await TestPdfs.PdfsigAsync(directory.File("ec.pdf")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PDF_signed_by_another_tool_keeps_its_signature_valid_after_ours()
    {
        using var directory = new TemporaryDirectory("pades-other");
        await File.WriteAllBytesAsync(directory.File("in.pdf"), TestPdfs.Classic(2));
        await File.WriteAllTextAsync(directory.File("cert.pem"), fixture.Pki.Signer.ExportCertificatePem());
        using (var key = fixture.Pki.Signer.GetRSAPrivateKey()!)
        {
            await File.WriteAllTextAsync(directory.File("key.pem"), key.ExportPkcs8PrivateKeyPem());
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Pades", "other_signer.py");
        var python = ExternalTool.Require("python3", "python3");
        var made = await ExternalTool.RunAsync(python, [script, directory.File("in.pdf"), directory.File("other.pdf"), directory.File("cert.pem"), directory.File("key.pem")]);
        Assert.True(made.ExitCode == 0, made.ToString());
        var otherSigned = await File.ReadAllBytesAsync(directory.File("other.pdf"));
        Assert.Contains("Signature is Valid", await TestPdfs.PdfsigAsync(directory.File("other.pdf")), StringComparison.Ordinal);

        var signed = await fixture.SignAsync(otherSigned);
        await File.WriteAllBytesAsync(directory.File("both.pdf"), signed);
        var pdfsig = await TestPdfs.PdfsigAsync(directory.File("both.pdf"));
        Assert.Equal(2, TestPdfs.Count(pdfsig, "Signature is Valid"));
        Assert.Contains("adbe.pkcs7.detached", pdfsig, StringComparison.Ordinal);
        Assert.Contains("ETSI.CAdES.detached", pdfsig, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_empty_signature_field_is_filled()
    {
        var signed = await fixture.SignAsync(TestPdfs.WithEmptySignatureField(), field: "Approval");
        var signature = Assert.Single(PdfSignatureInspector.Find(PdfDocument.Open(signed)));
        Assert.Equal("Approval", signature.FieldName);
        using var directory = new TemporaryDirectory("pades");
        await File.WriteAllBytesAsync(directory.File("filled.pdf"), signed);
        Assert.Contains("Signature is Valid", await TestPdfs.PdfsigAsync(directory.File("filled.pdf")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_that_already_holds_a_signature_is_refused()
    {
        var signed = await fixture.SignAsync(TestPdfs.WithEmptySignatureField(), field: "Approval");
        var error = await Assert.ThrowsAsync<PdfFormatException>(() => fixture.SignAsync(signed, field: "Approval"));
        Assert.Contains("already holds a signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_step_flow_embeds_an_external_signature_value_without_changing_any_other_byte()
    {
        var parameters = new PadesSignatureParameters { SigningCertificate = fixture.Pki.Signer, CertificateChain = [fixture.Pki.Root] };
        using var input = new MemoryStream(TestPdfs.Classic(2));
        using var prepared = new MemoryStream();
        var signer = new PadesSigner(fixture.Http);
        var toSign = signer.GetDataToSign(input, prepared, parameters);
        var before = prepared.ToArray();

        // Step 2 outside the library: a device that signs a digest (as an eID card does).
        byte[] value;
        using (var key = fixture.Pki.Signer.GetRSAPrivateKey()!)
        {
            value = key.SignHash(toSign.DigestToSign, toSign.DigestAlgorithm, RSASignaturePadding.Pkcs1);
        }

        await signer.SignDocumentAsync(prepared, toSign, parameters, value);
        var after = prepared.ToArray();
        Assert.Equal(before.Length, after.Length);
        var r = toSign.Slot.ByteRange;
        Assert.True(before.AsSpan(0, (int)r[1] + 1).SequenceEqual(after.AsSpan(0, (int)r[1] + 1)));
        Assert.True(before.AsSpan((int)r[2] - 1).SequenceEqual(after.AsSpan((int)r[2] - 1)));
        Assert.True((await fixture.ValidateAsync(after)).AllPassed);
    }

    [Fact]
    public async Task A_signature_value_from_the_wrong_key_is_refused_before_embedding()
    {
        var parameters = new PadesSignatureParameters { SigningCertificate = fixture.Pki.Signer };
        using var input = new MemoryStream(TestPdfs.Classic(1));
        using var prepared = new MemoryStream();
        var signer = new PadesSigner(fixture.Http);
        var toSign = signer.GetDataToSign(input, prepared, parameters);
        using var other = RSA.Create(2048);
        var value = other.SignData(toSign.DataToSign, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        await Assert.ThrowsAsync<SecurityKitException>(() => signer.SignDocumentAsync(prepared, toSign, parameters, value));
    }

    [Fact]
    public async Task B_T_carries_a_signature_timestamp_that_pdfsig_accepts()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(1), PadesLevel.BaselineT);
        using var directory = new TemporaryDirectory("pades");
        await File.WriteAllBytesAsync(directory.File("t.pdf"), signed);
        Assert.Contains("Signature is Valid", await TestPdfs.PdfsigAsync(directory.File("t.pdf")), StringComparison.Ordinal);
        var report = await fixture.ValidateAsync(signed);
        Assert.Equal("B-T", Assert.Single(report.Signatures).Level);
        Assert.True(report.AllPassed, string.Join("; ", report.Signatures.SelectMany(s => s.Errors)));
    }

    [Fact]
    public async Task B_LTA_adds_a_DSS_and_a_document_timestamp_and_every_signature_stays_valid()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(2), PadesLevel.BaselineT);
        signed = await fixture.SignAsync(signed, PadesLevel.BaselineLTA);
        var document = PdfDocument.Open(signed);
        Assert.NotNull(document.ResolveDictionary(document.Catalog["DSS"]));
        using var directory = new TemporaryDirectory("pades");
        await File.WriteAllBytesAsync(directory.File("lta.pdf"), signed);
        var pdfsig = await TestPdfs.PdfsigAsync(directory.File("lta.pdf"));
        // pdfsig (poppler) does not verify ETSI.RFC3161 document timestamps ("Unable to validate this type of
        // signature"): it sees the two signatures valid and the timestamp covering the whole file; openssl ts checks
        // the timestamp token itself below.
        Assert.Equal(2, TestPdfs.Count(pdfsig, "Signature is Valid"));
        Assert.Contains("Total document signed", pdfsig[pdfsig.LastIndexOf("Signature #3", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var timestamp = PdfSignatureInspector.Find(document)[^1];
        var r = timestamp.ByteRange;
        await File.WriteAllBytesAsync(directory.File("content"), [.. signed.AsSpan(0, (int)r[1]), .. signed.AsSpan((int)r[2], (int)r[3])]);
        await File.WriteAllBytesAsync(directory.File("token.der"), timestamp.Der);
        await File.WriteAllTextAsync(directory.File("root.pem"), fixture.Pki.Root.ExportCertificatePem());
        var openssl = ExternalTool.Require("openssl", "openssl");
        var ts = await ExternalTool.RunAsync(openssl, ["ts", "-verify", "-data", directory.File("content"), "-in", directory.File("token.der"), "-token_in", "-CAfile", directory.File("root.pem")]);
        Assert.True(ts.ExitCode == 0, ts.ToString());
        var check = await TestPdfs.QpdfCheckAsync(directory.File("lta.pdf"));
        Assert.True(check.ExitCode == 0, check.ToString());
        var report = await fixture.ValidateAsync(signed);
        Assert.True(report.AllPassed, string.Join("; ", report.Signatures.SelectMany(s => s.Errors)));
        Assert.Equal("B-LTA", report.Signatures[1].Level);
        Assert.Equal("document-timestamp", report.Signatures[^1].Kind);
    }

    [Fact]
    public async Task Extend_raises_a_B_T_signature_to_B_LT()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(1), PadesLevel.BaselineT);
        using var stream = new MemoryStream();
        stream.Write(signed);
        await new PadesSigner(fixture.Http).ExtendAsync(stream, PadesLevel.BaselineLT, null);
        var report = await fixture.ValidateAsync(stream.ToArray());
        Assert.Equal("B-LT", Assert.Single(report.Signatures).Level);
        Assert.True(report.AllPassed, string.Join("; ", report.Signatures.SelectMany(s => s.Errors)));
    }

    [Fact]
    public async Task A_large_PDF_is_signed_with_one_read_of_the_original()
    {
        // A 20 MB stream object: the counting stream shows the bytes read stay close to one pass.
        var filler = new string('A', 20 * 1024 * 1024);
        var pdf = TestPdfs.Classic(1, extraObjects: $"<< /Length {filler.Length} >>\nstream\n{filler}\nendstream");
        using var input = new CountingStream(new MemoryStream(pdf));
        using var output = new MemoryStream();
        await new PadesSigner(fixture.Http).SignAsync(input, output, new PadesSignatureParameters { SigningCertificate = fixture.Pki.Signer });
        Debug.Assert(input.BytesRead > 0);
        Assert.InRange(input.BytesRead, pdf.Length, pdf.Length + (1024 * 1024));
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
