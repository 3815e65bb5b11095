using System.Text;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Pades.Validation;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

public sealed class PadesValidatorTests(PadesFixture fixture) : IClassFixture<PadesFixture>
{
    private async Task<byte[]> ThreeSignaturesAsync()
    {
        var pdf = TestPdfs.Classic(3);
        for (var i = 0; i < 3; i++)
        {
            pdf = await fixture.SignAsync(pdf);
        }

        return pdf;
    }

    [Fact]
    public async Task Three_sequential_signatures_all_pass_with_the_trust_anchor()
    {
        var report = await fixture.ValidateAsync(await ThreeSignaturesAsync());
        Assert.Equal(3, report.Signatures.Count);
        Assert.True(report.AllPassed, string.Join("; ", report.Signatures.SelectMany(s => s.Errors)));
        Assert.All(report.Signatures, s => Assert.Equal("B-B", s.Level));
        Assert.True(report.Signatures[^1].CoversWholeDocument);
        Assert.False(report.Signatures[0].CoversWholeDocument);
    }

    [Fact]
    public async Task One_byte_changed_inside_the_signed_range_fails_in_pdfsig_and_in_ours()
    {
        var pdf = await ThreeSignaturesAsync();
        var at = pdf.AsSpan().IndexOf("Rapport au College"u8);
        pdf[at] = (byte)'X';
        var report = await fixture.ValidateAsync(pdf);
        Assert.All(report.Signatures, s => Assert.Equal(PadesIndication.TotalFailed, s.Indication));
        Assert.All(report.Signatures, s => Assert.Equal("HASH_FAILURE", s.SubIndication));
        using var directory = new TemporaryDirectory("pades");
        await File.WriteAllBytesAsync(directory.File("bad.pdf"), pdf);
        var pdfsig = await TestPdfs.PdfsigAsync(directory.File("bad.pdf"));
        Assert.Equal(0, TestPdfs.Count(pdfsig, "Signature is Valid"));
    }

    [Fact]
    public async Task A_page_content_change_appended_after_signing_is_flagged()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(2));
        const string content = "BT /F1 18 Tf 72 720 Td (Rapport au College - montant 1000000 EUR) Tj ET";
        var tampered = TestPdfs.AppendUpdate(signed, new Dictionary<int, string> { [4] = $"<< /Length {content.Length} >>\nstream\n{content}\nendstream" });
        var report = await fixture.ValidateAsync(tampered);
        var signature = Assert.Single(report.Signatures);
        Assert.Equal(PadesIndication.TotalFailed, signature.Indication);
        Assert.Contains(signature.DisallowedChanges, c => c.Contains("page content stream", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_page_content_stream_swapped_in_after_signing_is_flagged()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(2));
        const string content = "BT /F1 18 Tf 72 720 Td (Autre texte) Tj ET";
        var tampered = TestPdfs.AppendUpdate(signed, new Dictionary<int, string>
        {
            [3] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >> /Contents 50 0 R >>",
            [50] = $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        });
        var report = await fixture.ValidateAsync(tampered);
        Assert.Contains(Assert.Single(report.Signatures).DisallowedChanges, c => c.Contains("page object 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_annotation_added_after_signing_is_flagged()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(2));
        var text = Encoding.Latin1.GetString(signed);
        var page = text[text.LastIndexOf("\n3 0 obj\n", StringComparison.Ordinal)..];
        page = page[9..page.IndexOf("\nendobj", StringComparison.Ordinal)];
        var withNote = page.Replace("/Annots [", "/Annots [51 0 R ", StringComparison.Ordinal);
        var tampered = TestPdfs.AppendUpdate(signed, new Dictionary<int, string>
        {
            [3] = withNote,
            [51] = "<< /Type /Annot /Subtype /FreeText /Rect [72 600 400 650] /Contents (Annule) /DA (/Helv 12 Tf 0 g) >>",
        });
        var report = await fixture.ValidateAsync(tampered);
        Assert.Contains(Assert.Single(report.Signatures).DisallowedChanges, c => c.Contains("annotation was added after signing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_byte_range_that_does_not_exclude_exactly_the_contents_is_a_format_failure()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(1));
        var text = Encoding.Latin1.GetString(signed);
        var match = System.Text.RegularExpressions.Regex.Match(text, @"/ByteRange \[0 (\d+) ");
        var shifted = (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var forged = text[..match.Groups[1].Index] + shifted.PadLeft(match.Groups[1].Length, '0') + text[(match.Groups[1].Index + match.Groups[1].Length)..];
        var report = await fixture.ValidateAsync(Encoding.Latin1.GetBytes(forged));
        Assert.Equal("FORMAT_FAILURE", Assert.Single(report.Signatures).SubIndication);
    }

    [Fact]
    public async Task A_signer_unknown_to_the_trust_anchors_is_indeterminate()
    {
        using var other = new PadesTestPki();
        var signed = await fixture.SignAsync(TestPdfs.Classic(1));
        using var stream = new MemoryStream(signed);
        var report = await new PadesValidator(fixture.Http).ValidateAsync(stream, other.Anchors);
        var signature = Assert.Single(report.Signatures);
        Assert.Equal(PadesIndication.Indeterminate, signature.Indication);
        Assert.Equal("NO_CERTIFICATE_CHAIN_FOUND", signature.SubIndication);
    }

    [Fact]
    public async Task A_revoked_signer_without_a_timestamp_is_indeterminate_revoked_no_poe()
    {
        using var pki = new PadesTestPki();
        pki.Revoked.Add(pki.Signer.SerialNumberBytes.ToArray());
        using var input = new MemoryStream(TestPdfs.Classic(1));
        using var output = new MemoryStream();
        await new PadesSigner(fixture.Http).SignAsync(input, output, new PadesSignatureParameters { SigningCertificate = pki.Signer });
        output.Position = 0;
        var report = await new PadesValidator(fixture.Http).ValidateAsync(output, pki.Anchors);
        // EN 319 102-1 §5.2.6: without proof that the signature existed before the revocation, REVOKED_NO_POE.
        var signature = Assert.Single(report.Signatures);
        Assert.Equal(PadesIndication.Indeterminate, signature.Indication);
        Assert.Equal("REVOKED_NO_POE", signature.SubIndication);
    }

    [Fact]
    public async Task Without_online_checks_or_DSS_the_revocation_status_is_indeterminate()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(1));
        using var stream = new MemoryStream(signed);
        var report = await new PadesValidator(httpClient: null).ValidateAsync(stream, fixture.Pki.Anchors);
        Assert.Equal("TRY_LATER", Assert.Single(report.Signatures).SubIndication);
    }

    [Fact]
    public async Task B_LT_validates_offline_from_the_DSS()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(1), PadesLevel.BaselineLT);
        using var stream = new MemoryStream(signed);
        var report = await new PadesValidator(httpClient: null).ValidateAsync(stream, fixture.Pki.Anchors);
        var signature = Assert.Single(report.Signatures);
        Assert.True(report.AllPassed, string.Join("; ", signature.Errors));
        Assert.Equal("B-LT", signature.Level);
    }
}
