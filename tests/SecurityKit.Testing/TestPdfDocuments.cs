using System.Globalization;
using System.Text;

namespace SecurityKit.Testing;

/// <summary>
/// Small PDFs written byte by byte for tests and benchmarks (ISO 32000-1 §7.5: header, binary comment, indirect objects,
/// a classic cross-reference table with the offsets as written, trailer): independent of the library under test, and
/// always the same bytes for the same arguments.
/// </summary>
public static class TestPdfDocuments
{
    /// <summary>
    /// A one-page PDF whose page says "Decision <paramref name="number"/> du College" in Helvetica (objects: catalog 1,
    /// pages 2, page 3, content 4, font 5).
    /// </summary>
    /// <param name="number">Makes each document of a batch different.</param>
    /// <param name="version">The header version, e.g. "1.4" or "1.7".</param>
    public static byte[] OnePage(int number = 1, string version = "1.4")
    {
        var content = $"BT /F1 18 Tf 72 720 Td (Decision {number.ToString(CultureInfo.InvariantCulture)} du College) Tj ET";
        return FromObjects(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
                $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            ],
            version);
    }

    /// <summary>
    /// A PDF with <paramref name="pages"/> pages, each saying "Rapport au College - point N" in Helvetica. Objects: the
    /// catalog 1, pages 2, then page and content pairs (3 and 4, 5 and 6, …), the font, then
    /// <paramref name="extraObjects"/> (separated by a line <c>---</c>).
    /// </summary>
    /// <param name="pages">Number of pages (at least 1).</param>
    /// <param name="extraCatalog">Entries added to the catalog dictionary, e.g. <c>/AcroForm &lt;&lt; … &gt;&gt; </c>.</param>
    /// <param name="extraObjects">Further objects' bodies, numbered after the font.</param>
    public static byte[] MultiPage(int pages = 3, string extraCatalog = "", string extraObjects = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        var objects = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {extraCatalog}>>",
            $"<< /Type /Pages /Kids [{string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{3 + (2 * i)} 0 R"))}] /Count {pages} >>",
        };
        var font = 3 + (2 * pages);
        for (var i = 0; i < pages; i++)
        {
            var content = $"BT /F1 18 Tf 72 720 Td (Rapport au College - point {i + 1}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + (2 * i)} 0 R >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }

        objects.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        if (extraObjects.Length > 0)
        {
            objects.AddRange(extraObjects.Split("\n---\n"));
        }

        return FromObjects(objects);
    }

    /// <summary>
    /// A PDF made of these object bodies, numbered from 1 (the first is the catalog, named by the trailer's /Root),
    /// with a classic cross-reference table.
    /// </summary>
    /// <param name="objects">The bodies (what goes between <c>n 0 obj</c> and <c>endobj</c>), in Latin-1.</param>
    /// <param name="version">The header version.</param>
    public static byte[] FromObjects(IReadOnlyList<string> objects, string version = "1.4")
    {
        ArgumentNullException.ThrowIfNull(objects);
        var output = new StringBuilder($"%PDF-{version}\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var n = 0; n < objects.Count; n++)
        {
            offsets.Add(output.Length);
            output.Append(CultureInfo.InvariantCulture, $"{n + 1} 0 obj\n{objects[n]}\nendobj\n");
        }

        var xref = output.Length;
        output.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            output.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        output.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");

        // Latin-1: one byte per character, so the offsets counted in characters are byte offsets.
        return Encoding.Latin1.GetBytes(output.ToString());
    }
}
