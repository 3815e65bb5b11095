using System.Globalization;
using System.Text;
using SecurityKit.Testing;

namespace SecurityKit.Signing.Tests.Pades;

/// <summary>
/// Test inputs made outside the library under test: a classic-xref PDF 1.4 written here byte by byte, its rewrites by
/// qpdf (object streams and cross-reference streams, QDF), an incremental update appended by hand, and a PDF signed
/// by a small Python + openssl signer (adbe.pkcs7.detached).
/// </summary>
internal static class TestPdfs
{
    public static string Qpdf => ExternalTool.Require("qpdf", "qpdf");

    public static string Pdfsig => ExternalTool.Require("pdfsig", "poppler-utils");

    /// <summary>A PDF 1.4 with a classic xref table; each page says "Rapport au College - point N" (the shared generator).</summary>
    public static byte[] Classic(int pages = 3, string extraCatalog = "", string extraObjects = "") =>
        TestPdfDocuments.MultiPage(pages, extraCatalog, extraObjects);

    /// <summary>A classic PDF whose form already has an empty signature field "Approval" on page 1.</summary>
    public static byte[] WithEmptySignatureField()
    {
        // Objects 1-7 as in Classic(2); 8 is the font; 9 the empty field-widget.
        var pdf = Classic(2, extraCatalog: "/AcroForm << /Fields [9 0 R] >> ", extraObjects:
            "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approval) /Rect [0 0 0 0] /F 132 /P 3 0 R >>");
        var text = Encoding.Latin1.GetString(pdf);
        // Put the widget in page 1's /Annots (rewrite the page in place: this file is ours to lay out).
        text = text.Replace("/Contents 4 0 R >>", "/Contents 4 0 R /Annots [9 0 R] >>", StringComparison.Ordinal);
        return Classic2Relaid(text);
    }

    /// <summary>Lets qpdf rewrite a file (fixing offsets too): qpdf is the "other tool" that lays it out.</summary>
    public static async Task<byte[]> RewriteAsync(byte[] pdf, params string[] arguments)
    {
        using var directory = new TemporaryDirectory("pades-qpdf");
        var input = directory.File("in.pdf");
        var output = directory.File("out.pdf");
        await File.WriteAllBytesAsync(input, pdf);
        var result = await ExternalTool.RunAsync(Qpdf, [.. arguments, input, output]);
        Assert.True(result.ExitCode is 0 or 3, result.ToString());
        return await File.ReadAllBytesAsync(output);
    }

    /// <summary>Appends a hand-written incremental update that adds an /Info dictionary.</summary>
    public static byte[] WithIncrementalUpdate(byte[] classic)
    {
        var text = Encoding.Latin1.GetString(classic);
        var size = int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"/Size (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var startxref = System.Text.RegularExpressions.Regex.Match(text, @"startxref\s+(\d+)\s+%%EOF\s*$").Groups[1].Value;
        var update = new StringBuilder();
        var offset = classic.Length;
        update.Append(CultureInfo.InvariantCulture, $"{size} 0 obj\n<< /Title (Conseil communal) /Producer (hand) >>\nendobj\n");
        var xref = classic.Length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"xref\n{size} 1\n{offset:D10} 00000 n \ntrailer\n<< /Size {size + 1} /Root 1 0 R /Info {size} 0 R /Prev {startxref} >>\nstartxref\n{xref}\n%%EOF\n");
        return [.. classic, .. Encoding.Latin1.GetBytes(update.ToString())];
    }

    /// <summary>
    /// A hybrid-reference file (ISO 32000-1 §7.5.8.4): a classic table that lists the font (object 7) as free, and an
    /// /XRefStm cross-reference stream that puts it in object stream 8.
    /// </summary>
    public static byte[] Hybrid()
    {
        var classic = Encoding.Latin1.GetString(Classic(2));
        var body = classic[..classic.LastIndexOf("7 0 obj", StringComparison.Ordinal)];
        const string font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
        const string header = "7 0 ";
        var output = new StringBuilder(body.Replace("%PDF-1.4", "%PDF-1.5", StringComparison.Ordinal));
        var offsets = new Dictionary<int, int>();
        for (var n = 1; n <= 6; n++)
        {
            offsets[n] = body.IndexOf($"\n{n} 0 obj", StringComparison.Ordinal) + 1;
        }

        offsets[8] = output.Length;
        output.Append(CultureInfo.InvariantCulture, $"8 0 obj\n<< /Type /ObjStm /N 1 /First {header.Length} /Length {header.Length + font.Length} >>\nstream\n{header}{font}\nendstream\nendobj\n");
        var xrefStm = output.Length;
        // One row: type 2, object stream 8, index 0 (/W [1 2 1]).
        output.Append("9 0 obj\n<< /Type /XRef /Size 10 /Index [7 1] /W [1 2 1] /Length 4 >>\nstream\n\u0002\u0000\u0008\u0000\nendstream\nendobj\n");
        offsets[9] = xrefStm;
        var xref = output.Length;
        output.Append("xref\n0 10\n0000000000 65535 f \n");
        for (var n = 1; n <= 9; n++)
        {
            output.Append(n == 7 ? "0000000000 00001 f \n" : $"{offsets[n]:D10} 00000 n \n");
        }

        output.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size 10 /Root 1 0 R /XRefStm {xrefStm} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(output.ToString());
    }

    /// <summary>
    /// A classic PDF with a text field "Montant" (object 8, value 100) on page 1 and an empty signature field "Approval"
    /// (object 9); with <paramref name="lockMontant"/>, the signature field's /Lock (ISO 32000-1 §12.7.4.5) locks
    /// "Montant" once it is signed (FieldMDP).
    /// </summary>
    public static byte[] WithTextField(bool lockMontant = false)
    {
        var lockEntry = lockMontant ? "/Lock << /Type /SigFieldLock /Action /Include /Fields [(Montant)] >> " : string.Empty;
        var pdf = Classic(2, extraCatalog: "/AcroForm << /Fields [8 0 R 9 0 R] /DA (/Helv 12 Tf 0 g) >> ", extraObjects:
            "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Montant) /V (100) /Rect [72 500 300 520] /F 4 /P 3 0 R /DA (/Helv 12 Tf 0 g) >>\n---\n"
            + $"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approval) {lockEntry}/Rect [0 0 0 0] /F 132 /P 3 0 R >>");
        var text = Encoding.Latin1.GetString(pdf);
        text = text.Replace("/Contents 4 0 R >>", "/Contents 4 0 R /Annots [8 0 R 9 0 R] >>", StringComparison.Ordinal);
        return Classic2Relaid(text);
    }

    /// <summary>Appends an update that fills the text field of <see cref="WithTextField"/> with <paramref name="value"/>.</summary>
    public static byte[] FillMontant(byte[] pdf, string value) => AppendUpdate(pdf, new Dictionary<int, string>
    {
        [8] = $"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Montant) /V ({value}) /Rect [72 500 300 520] /F 4 /P 3 0 R /DA (/Helv 12 Tf 0 g) >>",
    });

    /// <summary>Appends a hand-written classic-xref update that (re)defines the given objects.</summary>
    public static byte[] AppendUpdate(byte[] pdf, IReadOnlyDictionary<int, string> objects)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var size = int.Parse(System.Text.RegularExpressions.Regex.Matches(text, @"/Size (\d+)")[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        var startxref = System.Text.RegularExpressions.Regex.Matches(text, @"startxref\s+(\d+)")[^1].Groups[1].Value;
        var update = new StringBuilder();
        var offsets = new SortedDictionary<int, int>();
        foreach (var (number, body) in objects)
        {
            offsets[number] = pdf.Length + update.Length;
            update.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n");
        }

        var xref = pdf.Length + update.Length;
        update.Append("xref\n");
        foreach (var (number, offset) in offsets)
        {
            update.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n \n");
        }

        var newSize = Math.Max(size, offsets.Keys.Max() + 1);
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {newSize} /Root 1 0 R /Prev {startxref} >>\nstartxref\n{xref}\n%%EOF\n");
        return [.. pdf, .. Encoding.Latin1.GetBytes(update.ToString())];
    }

    private static byte[] Classic2Relaid(string text)
    {
        // Recompute the xref offsets after an in-place edit.
        var bytes = Encoding.Latin1.GetBytes(text);
        var xrefAt = text.LastIndexOf("xref\n", StringComparison.Ordinal);
        var body = text[..xrefAt];
        var count = System.Text.RegularExpressions.Regex.Count(body, @"(?m)^\d+ 0 obj");
        var result = new StringBuilder(body);
        var xref = result.Length;
        result.Append(CultureInfo.InvariantCulture, $"xref\n0 {count + 1}\n0000000000 65535 f \n");
        for (var n = 1; n <= count; n++)
        {
            result.Append(CultureInfo.InvariantCulture, $"{body.IndexOf($"\n{n} 0 obj", StringComparison.Ordinal) + 1:D10} 00000 n \n");
        }

        result.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        _ = bytes;
        return Encoding.Latin1.GetBytes(result.ToString());
    }

    /// <summary>Runs pdfsig and returns its output.</summary>
    public static async Task<string> PdfsigAsync(string path)
    {
        var result = await ExternalTool.RunAsync(Pdfsig, [path]);
        return result.StandardOutput + result.StandardError;
    }

    /// <summary>Runs qpdf --check and returns (exit code, output).</summary>
    public static async Task<ToolResult> QpdfCheckAsync(string path) => await ExternalTool.RunAsync(Qpdf, ["--check", path]);

    public static int Count(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;
}
