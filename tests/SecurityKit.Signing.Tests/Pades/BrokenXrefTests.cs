using System.Text;
using System.Text.RegularExpressions;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Pades.Validation;
using SecurityKit.Signing.Pdf;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

/// <summary>
/// PDFs whose cross-reference is damaged (written by us or by qpdf, then damaged here): qpdf itself reports them as
/// damaged; signing rebuilds the cross-reference by scanning for object headers and appends a complete one, so the
/// output is clean in qpdf --check and valid in pdfsig — never a file that depends on the damaged sections.
/// </summary>
public sealed partial class BrokenXrefTests(PadesFixture fixture) : IClassFixture<PadesFixture>
{
    [GeneratedRegex(@"startxref\s+\d+")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"(\d{10}) 00000 n")]
    private static partial Regex InUseEntry();

    public static TheoryData<string> Damages => ["startxref", "xref-keyword", "shifted-offsets", "xref-stream-data", "encrypted-startxref"];

    private static async Task<byte[]> DamagedAsync(string damage)
    {
        var classic = TestPdfs.Classic(3);
        var text = Encoding.Latin1.GetString(classic);
        switch (damage)
        {
            case "startxref":
                return Encoding.Latin1.GetBytes(StartXref().Replace(text, "startxref\n17"));
            case "xref-keyword":
                var at = text.LastIndexOf("\nxref", StringComparison.Ordinal) + 1;
                return Encoding.Latin1.GetBytes(text[..at] + "XXXX" + text[(at + 4)..]);
            case "shifted-offsets":
                // Every entry 3 bytes off: the table parses, but no entry points at its object.
                return Encoding.Latin1.GetBytes(InUseEntry().Replace(text, m => $"{long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 3:D10} 00000 n"));
            case "xref-stream-data":
            {
                // qpdf's object streams: the catalog lives in an object stream, and the cross-reference stream that
                // says so has its compressed data destroyed.
                var os = await TestPdfs.RewriteAsync(classic, "--object-streams=generate");
                var osText = Encoding.Latin1.GetString(os);
                var type = osText.LastIndexOf("/Type /XRef", StringComparison.Ordinal);
                var data = osText.IndexOf("stream", type, StringComparison.Ordinal) + 8;
                for (var i = data; i < data + 10; i++)
                {
                    os[i] ^= 0x55;
                }

                return os;
            }

            default:
            {
                var encrypted = await TestPdfs.RewriteAsync(classic, "--encrypt", "user", "owner", "256", "--");
                return Encoding.Latin1.GetBytes(StartXref().Replace(Encoding.Latin1.GetString(encrypted), "startxref\n99999999"));
            }
        }
    }

    private async Task<byte[]> SignAsync(byte[] pdf)
    {
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        await new PadesSigner(fixture.Http).SignAsync(input, output, new PadesSignatureParameters
        {
            SigningCertificate = fixture.Pki.Signer,
            CertificateChain = [fixture.Pki.Root],
            PdfPassword = "user",
        });
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Qpdf_reports_the_test_input_as_damaged(string damage)
    {
        using var directory = new TemporaryDirectory("pades-broken");
        await File.WriteAllBytesAsync(directory.File("in.pdf"), await DamagedAsync(damage));
        var check = await ExternalTool.RunAsync(TestPdfs.Qpdf, ["--password=user", "--check", directory.File("in.pdf")]);
        Assert.Contains("damaged", check.StandardOutput + check.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_cross_reference_is_rebuilt_and_two_signatures_are_valid_and_clean(string damage)
    {
        var damaged = await DamagedAsync(damage);
        var signed = await SignAsync(await SignAsync(damaged));
        Assert.Equal(damaged, signed[..damaged.Length]); // the original bytes are kept as they were

        using var directory = new TemporaryDirectory("pades-broken");
        var path = directory.File("signed.pdf");
        await File.WriteAllBytesAsync(path, signed);
        var pdfsig = await ExternalTool.RunAsync(TestPdfs.Pdfsig, ["-upw", "user", path]);
        Assert.Equal(2, TestPdfs.Count(pdfsig.StandardOutput, "Signature is Valid"));
        Assert.Contains("Total document signed", pdfsig.StandardOutput, StringComparison.Ordinal);
        var check = await ExternalTool.RunAsync(TestPdfs.Qpdf, ["--password=user", "--check", path]);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.DoesNotContain("WARNING", check.StandardOutput + check.StandardError, StringComparison.Ordinal);

        var document = PdfDocument.Open(signed, "user");
        Assert.Equal(3, document.Pages().Count);
        Assert.False(document.Repaired);
        using var stream = new MemoryStream(signed);
        var report = await new PadesValidator(fixture.Http).ValidateAsync(stream, new SecurityKit.Signing.Validation.ValidationOptions
        {
            TrustAnchors = [fixture.Pki.Root],
            OnlineRevocation = new SecurityKit.Signing.Revocation.RevocationChecker(fixture.Http),
            PdfPassword = "user",
        });
        Assert.All(report.Signatures, s => Assert.Equal(PadesIndication.TotalPassed, s.Indication));
    }

    [Fact]
    public async Task The_update_of_a_repaired_file_carries_a_complete_cross_reference_without_Prev()
    {
        var signed = await SignAsync(await DamagedAsync("startxref"));
        var text = Encoding.Latin1.GetString(signed);
        var trailer = text[text.LastIndexOf("trailer", StringComparison.Ordinal)..];
        Assert.DoesNotContain("/Prev", trailer, StringComparison.Ordinal);
        var document = PdfDocument.Open(signed);
        Assert.Single(document.Sections);
        Assert.All(Enumerable.Range(1, 8), n => Assert.NotNull(document.GetObject(n)));
    }

    [Fact]
    public void Opening_for_validation_does_not_repair_a_damaged_cross_reference()
    {
        var broken = Encoding.Latin1.GetBytes(StartXref().Replace(Encoding.Latin1.GetString(TestPdfs.Classic(2)), "startxref\n17"));
        var error = Assert.Throws<PdfFormatException>(() => PdfDocument.Open(broken));
        Assert.Contains("broken xref", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_file_is_still_refused_and_nothing_is_written()
    {
        var pdf = TestPdfs.Classic(2);
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<PdfFormatException>(() => new PadesSigner().SignAsync(
            new MemoryStream(pdf[..(pdf.Length / 2)]), output, new PadesSignatureParameters { SigningCertificate = fixture.Pki.Signer }));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void A_file_with_no_object_at_all_is_refused_with_a_clear_error()
    {
        var empty = Encoding.ASCII.GetBytes("%PDF-1.4\nnothing here\nstartxref\n9\n%%EOF\n");
        var error = Assert.Throws<PdfFormatException>(() => PdfDocument.Open(PdfByteSource.FromBytes(empty), null, repair: true));
        Assert.Contains("no object", error.Message, StringComparison.Ordinal);
    }
}
