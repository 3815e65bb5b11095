using System.Text;
using FsCheck;
using FsCheck.Xunit;
using SecurityKit.Signing.Pdf;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

public sealed class PdfStructureTests(PadesFixture fixture) : IClassFixture<PadesFixture>
{
    [Fact]
    public void A_classic_xref_table_gives_every_page()
    {
        Assert.Equal(4, PdfDocument.Open(TestPdfs.Classic(4)).Pages().Count);
    }

    [Fact]
    public async Task Cross_reference_streams_and_object_streams_give_every_page()
    {
        var pdf = await TestPdfs.RewriteAsync(TestPdfs.Classic(5), "--object-streams=generate", "--min-version=1.5");
        var document = PdfDocument.Open(pdf);
        Assert.True(document.Sections[0].IsStream);
        Assert.Contains(document.ObjectNumbers, n => document.LocationOf(n)!.Value.Kind == PdfObjectLocationKind.InObjectStream);
        Assert.Equal(5, document.Pages().Count);
    }

    [Fact]
    public void An_incremental_update_is_read_through_its_Prev_chain()
    {
        var document = PdfDocument.Open(TestPdfs.WithIncrementalUpdate(TestPdfs.Classic(2)));
        Assert.Equal(2, document.Sections.Count);
        Assert.Equal(2, document.Pages().Count);
    }

    [Fact]
    public void A_hybrid_file_finds_an_object_the_table_lists_as_free_in_its_XRefStm_stream()
    {
        var document = PdfDocument.Open(TestPdfs.Hybrid());
        Assert.Equal(PdfObjectLocationKind.InObjectStream, document.LocationOf(7)!.Value.Kind);
        Assert.Equal("Font", document.ResolveDictionary(new PdfReference(7, 0))!.NameOf("Type"));
    }

    [Theory]
    [InlineData("256", "R6, AES-256")]
    [InlineData("128", "R4, AES-128")]
    public async Task An_encrypted_PDF_is_refused_with_an_error_naming_its_security_handler(string bits, string handler)
    {
        string[] arguments = bits == "256" ? ["--encrypt", "user", "owner", "256", "--"] : ["--encrypt", "user", "owner", "128", "--use-aes=y", "--"];
        var encrypted = await TestPdfs.RewriteAsync(TestPdfs.Classic(1), arguments);
        var error = Assert.Throws<PdfEncryptedException>(() => PdfDocument.Open(encrypted));
        Assert.Equal("standard security handler " + handler, error.SecurityHandler);
        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_an_encrypted_PDF_writes_nothing()
    {
        var encrypted = await TestPdfs.RewriteAsync(TestPdfs.Classic(1), "--encrypt", "user", "owner", "256", "--");
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<PdfEncryptedException>(() => new SecurityKit.Signing.Pades.PadesSigner().SignAsync(
            new MemoryStream(encrypted), output, new SecurityKit.Signing.Pades.PadesSignatureParameters { SigningCertificate = fixture.Pki.Signer }));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void A_file_that_is_not_a_PDF_is_refused()
    {
        var error = Assert.Throws<PdfFormatException>(() => PdfDocument.Open(Encoding.ASCII.GetBytes("PK\u0003\u0004 this is a zip, not a PDF")));
        Assert.Contains("not a PDF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_PDF_is_refused()
    {
        var pdf = TestPdfs.Classic(2);
        var error = Assert.Throws<PdfFormatException>(() => PdfDocument.Open(pdf[..(pdf.Length - 40)]));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_reference_offsets_that_point_at_the_wrong_object_give_a_clear_error()
    {
        var text = Encoding.Latin1.GetString(TestPdfs.Classic(2));
        var xref = text.LastIndexOf("\nxref\n", StringComparison.Ordinal) + 1;
        // Swap the entries of objects 1 and 2.
        var lines = text[xref..].Split('\n');
        (lines[3], lines[4]) = (lines[4], lines[3]);
        var broken = Encoding.Latin1.GetBytes(text[..xref] + string.Join('\n', lines));
        var error = Assert.Throws<PdfFormatException>(() => PdfDocument.Open(broken).Pages());
        Assert.Contains("cross-reference table puts object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deeply_nested_object_is_refused_instead_of_overflowing_the_stack()
    {
        var nested = new string('[', 100_000) + new string(']', 100_000);
        var parser = new PdfParser(PdfByteSource.FromBytes(Encoding.ASCII.GetBytes(nested)));
        Assert.Throws<PdfFormatException>(() => parser.ReadObject());
    }

    [Property]
    public bool Literal_strings_round_trip_through_the_writer_and_the_parser(byte[] bytes)
    {
        var written = PdfObjectWriter.ToBytes(new PdfString(bytes, hex: false));
        var parsed = (PdfString)new PdfParser(PdfByteSource.FromBytes(written)).ReadObject();
        return parsed.Bytes.AsSpan().SequenceEqual(bytes);
    }

    [Property]
    public bool Names_round_trip_through_the_writer_and_the_parser(NonEmptyString name)
    {
        var value = new string(name.Get.Where(c => c is > '\0' and <= '\u00ff').ToArray());
        if (value.Length == 0)
        {
            return true;
        }

        var written = PdfObjectWriter.ToBytes(new PdfName(value));
        return ((PdfName)new PdfParser(PdfByteSource.FromBytes(written)).ReadObject()).Value == value;
    }
}
