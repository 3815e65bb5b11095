using System.Text;
using SecurityKit.Signing.Pades;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

public sealed class PadesVisibleSignatureTests(PadesFixture fixture) : IClassFixture<PadesFixture>
{
    private async Task<byte[]> SignVisiblyAsync(byte[] pdf)
    {
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        await new PadesSigner(fixture.Http).SignAsync(input, output, new PadesSignatureParameters
        {
            SigningCertificate = fixture.Pki.Signer,
            Role = "Directrice financière",
            Reason = "Approbation du budget",
            Visible = new PadesVisibleSignature(Page: 2, X: 300, Y: 60, Width: 220, Height: 70),
        });
        return output.ToArray();
    }

    [Fact]
    public async Task A_visible_signature_embeds_its_font_and_stays_valid_in_pdfsig_and_qpdf()
    {
        ExternalTool.Require("pdffonts", "poppler-utils");
        var signed = await SignVisiblyAsync(TestPdfs.Classic(2));
        using var directory = new TemporaryDirectory("pades-visible");
        var path = directory.File("visible.pdf");
        await File.WriteAllBytesAsync(path, signed);
        Assert.Contains("Signature is Valid", await TestPdfs.PdfsigAsync(path), StringComparison.Ordinal);
        var check = await TestPdfs.QpdfCheckAsync(path);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(signed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visible_signature_is_drawn_in_its_rectangle_on_its_page()
    {
        var pdftoppm = ExternalTool.Require("pdftoppm", "poppler-utils");
        var signed = await SignVisiblyAsync(TestPdfs.Classic(2));
        using var directory = new TemporaryDirectory("pades-visible");
        await File.WriteAllBytesAsync(directory.File("visible.pdf"), signed);
        var result = await ExternalTool.RunAsync(pdftoppm, ["-r", "72", "-f", "2", "-l", "2", directory.File("visible.pdf"), directory.File("page")]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var image = await File.ReadAllBytesAsync(Directory.GetFiles(directory.Path, "page*.ppm").Single());
        var (width, pixels) = Ppm(image);

        // Inside the box (bottom-left corner region, away from the text): the light blue background (240, 245, 255).
        var inside = Pixel(pixels, width, x: 510, y: 842 - 64);
        Assert.Equal((240, 245, 255), inside);

        // Outside the box: white page.
        Assert.Equal((255, 255, 255), Pixel(pixels, width, x: 200, y: 842 - 64));
    }

    private static (int Width, byte[] Pixels) Ppm(byte[] image)
    {
        // "P6\n<w> <h>\n255\n" then RGB triples.
        var header = Encoding.ASCII.GetString(image, 0, 32).Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        var width = int.Parse(header[1], System.Globalization.CultureInfo.InvariantCulture);
        var offset = 0;
        for (var newlines = 0; newlines < 3; offset++)
        {
            if (image[offset] == '\n')
            {
                newlines++;
            }
        }

        return (width, image[offset..]);
    }

    private static (int, int, int) Pixel(byte[] pixels, int width, int x, int y)
    {
        var at = 3 * ((y * width) + x);
        return (pixels[at], pixels[at + 1], pixels[at + 2]);
    }
}
