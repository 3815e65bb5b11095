using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Pades.Validation;
using SecurityKit.Signing.Pdf;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

/// <summary>
/// Certification signatures (ISO 32000-1 §12.8.2.2 DocMDP, P=1/2/3) and FieldMDP locks (§12.8.2.4): what is written,
/// and how the validator judges the updates appended after signing.
/// </summary>
public sealed class DocMdpTests(PadesFixture fixture) : IClassFixture<PadesFixture>
{
    private async Task<byte[]> CertifyAsync(byte[] pdf, DocMdpLevel level, string? field = null)
    {
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        var parameters = new PadesSignatureParameters
        {
            SigningCertificate = fixture.Pki.Signer,
            CertificateChain = [fixture.Pki.Root],
            Certification = level,
            FieldName = field,
        };
        await new PadesSigner(fixture.Http).SignAsync(input, output, parameters);
        return output.ToArray();
    }

    [Fact]
    public async Task A_certification_signature_is_valid_in_pdfsig_and_qpdf_and_reported_with_its_level()
    {
        var certified = await CertifyAsync(TestPdfs.WithTextField(), DocMdpLevel.FormFillingAndSigning);
        using var directory = new TemporaryDirectory("docmdp");
        await File.WriteAllBytesAsync(directory.File("c.pdf"), certified);
        Assert.Contains("Signature is Valid", await TestPdfs.PdfsigAsync(directory.File("c.pdf")), StringComparison.Ordinal);
        var qpdf = await TestPdfs.QpdfCheckAsync(directory.File("c.pdf"));
        Assert.True(qpdf.ExitCode == 0, qpdf.ToString());
        Assert.Contains("/TransformMethod /DocMDP", System.Text.Encoding.Latin1.GetString(certified), StringComparison.Ordinal);
        var report = await fixture.ValidateAsync(certified);
        Assert.Equal(DocMdpLevel.FormFillingAndSigning, Assert.Single(report.Signatures).Certification);
        Assert.True(report.AllPassed);
    }

    [Fact]
    public async Task Form_filling_after_a_P2_certification_is_allowed_and_listed()
    {
        var filled = TestPdfs.FillMontant(await CertifyAsync(TestPdfs.WithTextField(), DocMdpLevel.FormFillingAndSigning), "250");
        var signature = Assert.Single((await fixture.ValidateAsync(filled)).Signatures);
        Assert.True(signature.Indication == PadesIndication.TotalPassed, string.Join("; ", signature.Errors));
        Assert.Contains("form field 'Montant' filled in", signature.AllowedChanges);
        Assert.Empty(signature.DisallowedChanges);
    }

    [Fact]
    public async Task Form_filling_after_a_P1_certification_fails()
    {
        var filled = TestPdfs.FillMontant(await CertifyAsync(TestPdfs.WithTextField(), DocMdpLevel.NoChanges), "250");
        var signature = Assert.Single((await fixture.ValidateAsync(filled)).Signatures);
        Assert.Equal(PadesIndication.TotalFailed, signature.Indication);
        Assert.True(signature.DisallowedChanges.Any(c => c.Contains("P=1", StringComparison.Ordinal)), string.Join("; ", signature.Errors));
    }

    [Fact]
    public async Task A_P1_certified_document_refuses_another_signature_and_writes_nothing()
    {
        var certified = await CertifyAsync(TestPdfs.Classic(1), DocMdpLevel.NoChanges);
        var error = await Assert.ThrowsAsync<PdfFormatException>(() => fixture.SignAsync(certified));
        Assert.Contains("P=1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_already_signed_cannot_be_certified()
    {
        var signed = await fixture.SignAsync(TestPdfs.Classic(1));
        var error = await Assert.ThrowsAsync<PdfFormatException>(() => CertifyAsync(signed, DocMdpLevel.FormFillingAndSigning));
        Assert.Contains("first signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_signature_after_a_P2_certification_leaves_both_valid()
    {
        var both = await fixture.SignAsync(await CertifyAsync(TestPdfs.Classic(1), DocMdpLevel.FormFillingAndSigning));
        var report = await fixture.ValidateAsync(both);
        Assert.Equal(2, report.Signatures.Count);
        Assert.True(report.AllPassed, string.Join("; ", report.Signatures.SelectMany(s => s.Errors)));
    }

    [Fact]
    public async Task A_P1_certified_document_still_takes_a_DSS_and_a_document_timestamp()
    {
        using var input = new MemoryStream(TestPdfs.Classic(1));
        using var output = new MemoryStream();
        var parameters = new PadesSignatureParameters
        {
            SigningCertificate = fixture.Pki.Signer,
            CertificateChain = [fixture.Pki.Root],
            Certification = DocMdpLevel.NoChanges,
            Level = PadesLevel.BaselineLTA,
            TimestampAuthority = fixture.Pki.TsaUrl,
        };
        await new PadesSigner(fixture.Http).SignAsync(input, output, parameters);
        var report = await fixture.ValidateAsync(output.ToArray());
        Assert.True(report.AllPassed, string.Join("; ", report.Signatures.SelectMany(s => s.Errors)));
        Assert.Equal("B-LTA", report.Signatures[0].Level);
    }

    [Theory]
    [InlineData(DocMdpLevel.FormFillingAndSigning, false)]
    [InlineData(DocMdpLevel.FormFillingSigningAndAnnotations, true)]
    public async Task An_annotation_added_after_certification_is_allowed_only_under_P3(DocMdpLevel level, bool allowed)
    {
        var certified = await CertifyAsync(TestPdfs.Classic(1), level);
        var text = System.Text.Encoding.Latin1.GetString(certified);
        var page = text[text.LastIndexOf("\n3 0 obj\n", StringComparison.Ordinal)..];
        page = page[9..page.IndexOf("\nendobj", StringComparison.Ordinal)];
        var annotated = TestPdfs.AppendUpdate(certified, new Dictionary<int, string>
        {
            [3] = page.Replace("/Annots [", "/Annots [51 0 R ", StringComparison.Ordinal),
            [51] = "<< /Type /Annot /Subtype /Text /Rect [72 600 92 620] /Contents (Vu) >>",
        });
        var signature = Assert.Single((await fixture.ValidateAsync(annotated)).Signatures);
        Assert.Equal(allowed, signature.Indication == PadesIndication.TotalPassed);
        Assert.Equal(allowed, signature.AllowedChanges.Any(c => c.Contains("/Text annotation added", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_field_locked_by_FieldMDP_may_not_be_filled_after_the_signature()
    {
        var signed = await fixture.SignAsync(TestPdfs.WithTextField(lockMontant: true), field: "Approval");
        var signature = Assert.Single((await fixture.ValidateAsync(TestPdfs.FillMontant(signed, "999"))).Signatures);
        Assert.Equal(PadesIndication.TotalFailed, signature.Indication);
        Assert.Contains(signature.DisallowedChanges, c => c.Contains("locks it (FieldMDP)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unlocked_field_may_be_filled_after_an_approval_signature()
    {
        var signed = await fixture.SignAsync(TestPdfs.WithTextField(lockMontant: false), field: "Approval");
        var signature = Assert.Single((await fixture.ValidateAsync(TestPdfs.FillMontant(signed, "999"))).Signatures);
        Assert.Equal(PadesIndication.TotalPassed, signature.Indication);
        Assert.Contains("form field 'Montant' filled in", signature.AllowedChanges);
    }
}
