using System.Globalization;
using System.Text;
using SecurityKit.Signing.Pdf;

namespace SecurityKit.Signing.Pades;

/// <summary>
/// The normal appearance of a visible signature (ISO 32000-1 §12.5.5, §12.7.4.5): a form XObject with a frame and the
/// signer's name, role, date and reason, set in a TrueType font embedded whole in the PDF (§9.9, /FontFile2) so that
/// every reader shows the same glyphs, as PDF/A and EN 319 142-1 visible signatures expect.
/// </summary>
internal static class PadesAppearance
{
    /// <summary>DejaVu Sans (Debian fonts-dejavu-core, Bitstream Vera licence), the default font when none is given.</summary>
    public const string DefaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    public static PdfReference Write(PdfIncrementalUpdate update, PadesVisibleSignature visible, PadesSignatureParameters parameters, DateTimeOffset signingTime)
    {
        if (visible.Width <= 0 || visible.Height <= 0 || visible.Page < 1)
        {
            throw new SecurityKitException("a visible signature needs a page number from 1 and a positive width and height", "visible signature");
        }

        var fontPath = visible.FontFile ?? DefaultFont;
        if (!File.Exists(fontPath))
        {
            throw new SecurityKitException("the font for the visible signature is not installed (Debian: fonts-dejavu-core) or not found", "visible signature font");
        }

        var fontBytes = File.ReadAllBytes(fontPath);
        var metrics = TrueTypeMetrics.Read(fontBytes);

        var fontFile = update.Allocate();
        update.SetStream(fontFile, new PdfDictionary
        {
            ["Filter"] = new PdfName("FlateDecode"),
            ["Length1"] = new PdfNumber(fontBytes.Length),
        }, PdfStreamDecoder.Deflate(fontBytes));
        var scale = 1000.0 / metrics.UnitsPerEm;
        PdfNumber Scaled(double v) => new(((int)Math.Round(v * scale)).ToString(CultureInfo.InvariantCulture));
        var descriptor = update.Allocate();
        update.Set(descriptor, new PdfDictionary
        {
            ["Type"] = new PdfName("FontDescriptor"),
            ["FontName"] = new PdfName(metrics.PostScriptName),
            ["Flags"] = new PdfNumber(32),
            ["FontBBox"] = new PdfArray(metrics.BoundingBox.Select(v => (PdfObject)Scaled(v))),
            ["ItalicAngle"] = new PdfNumber(0),
            ["Ascent"] = Scaled(metrics.Ascent),
            ["Descent"] = Scaled(metrics.Descent),
            ["CapHeight"] = Scaled(metrics.Ascent),
            ["StemV"] = new PdfNumber(80),
            ["FontFile2"] = fontFile,
        });
        var font = update.Allocate();
        update.Set(font, new PdfDictionary
        {
            ["Type"] = new PdfName("Font"),
            ["Subtype"] = new PdfName("TrueType"),
            ["BaseFont"] = new PdfName(metrics.PostScriptName),
            ["FirstChar"] = new PdfNumber(32),
            ["LastChar"] = new PdfNumber(255),
            ["Widths"] = new PdfArray(metrics.Widths.Select(w => (PdfObject)new PdfNumber(w))),
            ["Encoding"] = new PdfName("WinAnsiEncoding"),
            ["FontDescriptor"] = descriptor,
        });

        var lines = new List<string>
        {
            "Signed by " + (parameters.SignerName ?? parameters.SigningCertificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)),
        };
        if (!string.IsNullOrWhiteSpace(parameters.Role))
        {
            lines.Add(parameters.Role);
        }

        lines.Add("Date: " + signingTime.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(parameters.Reason))
        {
            lines.Add("Reason: " + parameters.Reason);
        }

        // The largest size (up to 10 pt) at which every line fits the box with a 4 pt margin.
        var width = visible.Width;
        var height = visible.Height;
        var size = 10.0;
        var widest = lines.Max(l => metrics.TextWidth(l, 1));
        if (widest > 0)
        {
            size = Math.Min(size, (width - 8) / widest);
        }

        size = Math.Max(2, Math.Min(size, (height - 8) / (lines.Count * 1.25)));
        var content = new StringBuilder();
        content.Append(CultureInfo.InvariantCulture, $"q 0.94 0.96 1 rg 0 0 {N(width)} {N(height)} re f Q\n");
        content.Append(CultureInfo.InvariantCulture, $"q 0.1 0.2 0.5 RG 0.8 w 0.4 0.4 {N(width - 0.8)} {N(height - 0.8)} re S Q\n");
        content.Append(CultureInfo.InvariantCulture, $"BT 0 0 0 rg /F1 {N(size)} Tf {N(size * 1.25)} TL 4 {N(height - 4 - size)} Td\n");
        var body = new List<byte>(Encoding.ASCII.GetBytes(content.ToString()));
        foreach (var line in lines)
        {
            PdfObjectWriter.Write(new PdfString(TrueTypeMetrics.EncodeWinAnsi(line), hex: false), body);
            PdfObjectWriter.Ascii(body, " Tj T*\n");
        }

        PdfObjectWriter.Ascii(body, "ET\n");
        var form = update.Allocate();
        update.SetStream(form, new PdfDictionary
        {
            ["Type"] = new PdfName("XObject"),
            ["Subtype"] = new PdfName("Form"),
            ["BBox"] = new PdfArray([new PdfNumber(0), new PdfNumber(0), new PdfNumber(N(width)), new PdfNumber(N(height))]),
            ["Resources"] = new PdfDictionary { ["Font"] = new PdfDictionary { ["F1"] = font } },
        }, [.. body]);
        return form;
    }

    private static string N(double value) => PdfSignatureFieldPlacement.Number(value);
}
