using System.Text;
using FsCheck;
using FsCheck.Xunit;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Pades.Validation;
using SecurityKit.Signing.Pdf;
using SecurityKit.Signing.Validation;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

/// <summary>
/// Encrypted PDFs (standard security handler) made by qpdf, signed with the user or the owner password, and checked by
/// pdfsig and qpdf, which decrypt with their own implementations of ISO 32000-1 §7.6 and ISO 32000-2 §7.6.4.
/// </summary>
public sealed class EncryptedPdfTests(PadesFixture fixture) : IClassFixture<PadesFixture>
{
    private const string UserPassword = "lecture-Conseil";
    private const string OwnerPassword = "proprietaire-Secretariat";

    // qpdf arguments for each security handler: R6 AES-256, R4 AES-128, R3 RC4-128, R2 RC4-40.
    private static string[] EncryptArguments(string handler, string user = UserPassword, params string[] restrictions) => handler switch
    {
        "AES-256" => ["--encrypt", user, OwnerPassword, "256", .. restrictions, "--"],
        "AES-128" => ["--encrypt", user, OwnerPassword, "128", "--use-aes=y", .. restrictions, "--"],
        "RC4-128" => ["--allow-weak-crypto", "--encrypt", user, OwnerPassword, "128", "--use-aes=n", .. restrictions, "--"],
        _ => ["--allow-weak-crypto", "--encrypt", user, OwnerPassword, "40", .. restrictions, "--"],
    };

    private static Task<byte[]> EncryptAsync(byte[] pdf, string handler, params string[] more) =>
        TestPdfs.RewriteAsync(pdf, [.. EncryptArguments(handler), .. more]);

    private async Task<byte[]> SignAsync(byte[] pdf, string password, PadesLevel level = PadesLevel.BaselineB, PadesVisibleSignature? visible = null)
    {
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        await new PadesSigner(fixture.Http).SignAsync(input, output, new PadesSignatureParameters
        {
            SigningCertificate = fixture.Pki.Signer,
            CertificateChain = [fixture.Pki.Root],
            Level = level,
            TimestampAuthority = level >= PadesLevel.BaselineT ? fixture.Pki.TsaUrl : null,
            Reason = "Approbation du collège",
            Role = "Directeur général",
            Visible = visible,
            PdfPassword = password,
        });
        return output.ToArray();
    }

    private async Task<PadesValidationReport> ValidateAsync(byte[] pdf, string? password)
    {
        using var stream = new MemoryStream(pdf);
        return await new PadesValidator().ValidateAsync(stream, new ValidationOptions
        {
            TrustAnchors = [fixture.Pki.Root],
            OnlineRevocation = new SecurityKit.Signing.Revocation.RevocationChecker(fixture.Http),
            PdfPassword = password,
        });
    }

    private static async Task<(string Pdfsig, ToolResult Check)> CheckAsync(byte[] signed, string password)
    {
        using var directory = new TemporaryDirectory("pades-encrypted");
        var path = directory.File("signed.pdf");
        await File.WriteAllBytesAsync(path, signed);
        var passwordOption = password == OwnerPassword ? "-opw" : "-upw";
        var pdfsig = await ExternalTool.RunAsync(TestPdfs.Pdfsig, [passwordOption, password, path]);
        var check = await ExternalTool.RunAsync(TestPdfs.Qpdf, ["--password=" + password, "--check", path]);
        return (pdfsig.StandardOutput + pdfsig.StandardError, check);
    }

    [Theory]
    [InlineData("AES-256", UserPassword)]
    [InlineData("AES-256", OwnerPassword)]
    [InlineData("AES-128", UserPassword)]
    [InlineData("AES-128", OwnerPassword)]
    [InlineData("RC4-128", UserPassword)]
    [InlineData("RC4-128", OwnerPassword)]
    [InlineData("RC4-40", UserPassword)]
    [InlineData("RC4-40", OwnerPassword)]
    public async Task An_encrypted_PDF_signed_with_its_password_is_valid_in_pdfsig_qpdf_and_our_validator(string handler, string password)
    {
        var signed = await SignAsync(await EncryptAsync(TestPdfs.Classic(2), handler), password);

        var (pdfsig, check) = await CheckAsync(signed, password);
        Assert.Contains("Signature is Valid", pdfsig, StringComparison.Ordinal);
        Assert.Contains("Total document signed", pdfsig, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("No syntax or stream encoding errors", check.StandardOutput, StringComparison.Ordinal);
        var report = await ValidateAsync(signed, password);
        Assert.Equal(PadesIndication.TotalPassed, Assert.Single(report.Signatures).Indication);
    }

    [Fact]
    public async Task Three_signatures_on_an_encrypted_object_stream_PDF_are_all_valid_in_pdfsig()
    {
        var pdf = await EncryptAsync(TestPdfs.Classic(3), "AES-256", "--object-streams=generate");
        Assert.True(PdfDocument.Open(pdf, UserPassword).Sections[0].IsStream);
        for (var i = 0; i < 3; i++)
        {
            pdf = await SignAsync(pdf, i == 1 ? OwnerPassword : UserPassword);
        }

        var (pdfsig, check) = await CheckAsync(pdf, UserPassword);
        Assert.Equal(3, TestPdfs.Count(pdfsig, "Signature is Valid"));
        Assert.Contains("Total document signed", pdfsig[pdfsig.LastIndexOf("Signature #3", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, check.ToString());
        var report = await ValidateAsync(pdf, UserPassword);
        Assert.Equal(3, report.Signatures.Count);
        Assert.All(report.Signatures, s => Assert.Equal(PadesIndication.TotalPassed, s.Indication));
    }

    [Fact]
    public async Task The_update_encrypts_its_strings_but_not_the_signature_value()
    {
        var encrypted = await EncryptAsync(TestPdfs.Classic(1), "AES-128");
        var signed = await SignAsync(encrypted, UserPassword);
        var update = Encoding.Latin1.GetString(signed, encrypted.Length, signed.Length - encrypted.Length);

        // /M, /Reason and the field name are not in clear in the appended bytes ...
        Assert.DoesNotContain("D:20", update, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature1", update, StringComparison.Ordinal);
        Assert.DoesNotContain("Approbation", update, StringComparison.Ordinal);
        Assert.Contains("/Encrypt", update[update.LastIndexOf("trailer", StringComparison.Ordinal)..], StringComparison.Ordinal);

        // ... but decrypt to what was written, while /Contents is the CMS itself (a DER SEQUENCE, 0x30).
        var signature = Assert.Single(PdfSignatureInspector.Find(PdfDocument.Open(signed, UserPassword)));
        Assert.StartsWith("D:20", (signature.Dictionary["M"] as PdfString)!.Text, StringComparison.Ordinal);
        Assert.Equal("Approbation du collège", (signature.Dictionary["Reason"] as PdfString)!.Text);
        Assert.Equal("Signature1", signature.FieldName);
        Assert.Equal(0x30, signature.Contents[0]);
        Assert.Contains("/Contents <30", update, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AES-256")]
    [InlineData("RC4-128")]
    public async Task A_visible_signature_on_an_encrypted_PDF_is_valid_and_its_streams_decode(string handler)
    {
        var signed = await SignAsync(
            await EncryptAsync(TestPdfs.Classic(2), handler), UserPassword, visible: new PadesVisibleSignature(Page: 1, X: 300, Y: 60, Width: 220, Height: 70));

        // qpdf --check decodes every stream (the embedded font and the appearance): a wrongly encrypted one fails it.
        var (pdfsig, check) = await CheckAsync(signed, UserPassword);
        Assert.Contains("Signature is Valid", pdfsig, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.DoesNotContain("WARNING", check.StandardOutput + check.StandardError, StringComparison.Ordinal);
        var document = PdfDocument.Open(signed, UserPassword);
        var font = document.ObjectNumbers.Select(document.GetObject).OfType<PdfStream>().Single(s => s.Dictionary.ContainsKey("Length1"));
        var program = document.DecodeStream(font, "font");
        Assert.Equal(0x00010000u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(program)); // a TrueType header
    }

    [Fact]
    public async Task An_encrypted_PDF_is_raised_to_B_LTA_with_its_DSS_and_document_timestamp_encrypted()
    {
        var signed = await SignAsync(await EncryptAsync(TestPdfs.Classic(1), "AES-256"), UserPassword, PadesLevel.BaselineLTA);

        var (pdfsig, check) = await CheckAsync(signed, UserPassword);
        Assert.Contains("Signature is Valid", pdfsig, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, check.ToString());
        var report = await ValidateAsync(signed, UserPassword);
        Assert.Equal("B-LTA", report.Signatures[0].Level);
        Assert.All(report.Signatures, s => Assert.Equal(PadesIndication.TotalPassed, s.Indication));
        Assert.Equal("document-timestamp", report.Signatures[^1].Kind);
    }

    [Theory]
    [InlineData("AES-256")]
    [InlineData("AES-128")]
    [InlineData("RC4-40")]
    public async Task A_wrong_password_is_refused_and_nothing_is_written(string handler)
    {
        var encrypted = await EncryptAsync(TestPdfs.Classic(1), handler);
        using var output = new MemoryStream();
        var error = await Assert.ThrowsAsync<PdfPasswordException>(() => new PadesSigner().SignAsync(
            new MemoryStream(encrypted), output, new PadesSignatureParameters { SigningCertificate = fixture.Pki.Signer, PdfPassword = "not-the-password" }));
        Assert.Equal(0, output.Length);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
        Assert.Contains(handler, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_user_password_cannot_sign_when_the_permissions_forbid_form_changes_but_the_owner_password_can()
    {
        var restricted = await TestPdfs.RewriteAsync(
            TestPdfs.Classic(1), EncryptArguments("AES-256", UserPassword, "--annotate=n", "--form=n", "--modify-other=n"));
        using var output = new MemoryStream();
        var error = await Assert.ThrowsAsync<PdfFormatException>(() => new PadesSigner().SignAsync(
            new MemoryStream(restricted), output, new PadesSignatureParameters { SigningCertificate = fixture.Pki.Signer, PdfPassword = UserPassword }));
        Assert.Contains("permissions", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);

        var signed = await SignAsync(restricted, OwnerPassword);
        Assert.Contains("Signature is Valid", (await CheckAsync(signed, OwnerPassword)).Pdfsig, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_opens_a_PDF_with_an_empty_user_password_without_being_given_one()
    {
        var ownerOnly = await TestPdfs.RewriteAsync(TestPdfs.Classic(1), EncryptArguments("AES-256", user: string.Empty));
        var signed = await SignAsync(ownerOnly, OwnerPassword);
        var report = await ValidateAsync(signed, password: null);
        Assert.Equal(PadesIndication.TotalPassed, Assert.Single(report.Signatures).Indication);
    }

    [Fact]
    public async Task The_validator_refuses_an_encrypted_PDF_it_cannot_open_without_a_password()
    {
        var signed = await SignAsync(await EncryptAsync(TestPdfs.Classic(1), "AES-256"), UserPassword);
        await Assert.ThrowsAsync<PdfEncryptedException>(() => ValidateAsync(signed, password: null));
    }

    [Fact]
    public async Task A_changed_byte_inside_the_signed_range_of_an_encrypted_PDF_is_caught_by_pdfsig_and_by_us()
    {
        var signed = await SignAsync(await EncryptAsync(TestPdfs.Classic(1), "AES-128"), UserPassword);
        // A byte of the (encrypted) page content stream: the structure still parses, the digest no longer matches.
        signed[signed.AsSpan().IndexOf("stream\n"u8) + 10] ^= 0x01;
        var (pdfsig, _) = await CheckAsync(signed, UserPassword);
        Assert.DoesNotContain("Signature is Valid", pdfsig, StringComparison.Ordinal);
        var report = await ValidateAsync(signed, UserPassword);
        Assert.Equal(PadesIndication.TotalFailed, Assert.Single(report.Signatures).Indication);
    }

    [Fact]
    public void Rc4_matches_the_published_test_vector()
    {
        // The classic "Key"/"Plaintext" vector (RFC 6229 lists longer ones; this one is in every RC4 reference).
        Assert.Equal("BBF316E8D940AF0AD3", Convert.ToHexString(Rc4.Apply("Key"u8, "Plaintext"u8)));
    }

    // One qpdf-encrypted document per handler, opened once: their file keys drive the round-trip properties.
    private static readonly Lazy<PdfStandardSecurityHandler[]> Handlers = new(() =>
        [.. new[] { "AES-256", "AES-128", "RC4-128", "RC4-40" }
            .Select(h => PdfDocument.Open(EncryptAsync(TestPdfs.Classic(1), h).GetAwaiter().GetResult(), UserPassword).Security!)]);

    [Property]
    public bool Strings_and_streams_written_encrypted_read_back_as_written_with_every_handler(byte[] data, PositiveInt number, byte generation)
    {
        var n = number.Get % (1 << 23);
        return Handlers.Value.All(h =>
        {
            // Through the writer and the parser too: the encrypted bytes survive the string syntax.
            var written = PdfObjectWriter.ToBytes(new PdfString(data, hex: false), b => h.EncryptString(b, n, generation));
            var parsed = (PdfString)new PdfParser(PdfByteSource.FromBytes(written)).ReadObject();
            return h.DecryptString(parsed.Bytes, n, generation).AsSpan().SequenceEqual(data)
                && h.DecryptStream(h.EncryptStream(data, n, generation), n, generation).AsSpan().SequenceEqual(data);
        });
    }

    [Property]
    public bool A_string_is_never_written_in_clear(NonEmptyArray<byte> data, PositiveInt number)
    {
        var bytes = data.Get;
        return bytes.Length < 4 || Handlers.Value.All(h => !h.EncryptString(bytes, number.Get % (1 << 23), 0).AsSpan().SequenceEqual(bytes));
    }
}
