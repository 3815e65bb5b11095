using System.Formats.Asn1;
using System.Text;
using System.Text.RegularExpressions;

namespace SecurityKit.Crypto.Inventory;

/// <summary>
/// Signed PDFs: the signature dictionaries' <c>/Contents</c> hex strings (ISO 32000-1 §12.8.1) hold DER CMS
/// SignedData, padded with zeros. PdfPig does not expose signature dictionaries, and a byte-level search also finds
/// signatures in incremental updates, so the file is searched directly for dictionaries that have a /ByteRange.
/// </summary>
internal static partial class PdfSignatureScanner
{
    public static void Scan(string path, byte[] content, InventoryBuilder builder)
    {
        var text = Encoding.Latin1.GetString(content);
        var number = 0;
        foreach (Match match in ContentsPattern().Matches(text))
        {
            // Only signature dictionaries carry a /ByteRange next to /Contents.
            var window = text.AsSpan(Math.Max(0, match.Index - 2048), Math.Min(4096 + match.Length, text.Length - Math.Max(0, match.Index - 2048)));
            if (window.IndexOf("/ByteRange", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            var hex = WhiteSpace().Replace(match.Groups[1].Value, string.Empty);
            if (hex.Length % 2 == 1)
            {
                hex += "0";
            }

            var der = Convert.FromHexString(hex);
            int length;
            try
            {
                AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.BER, out _, out _, out length);
            }
            catch (AsnContentException)
            {
                continue;
            }

            number++;
            if (!CmsScanner.TryScan(path, der[..length], $"PDF signature {number} at byte {match.Index}: ", builder))
            {
                builder.Skip(path, $"PDF signature {number} at byte {match.Index} is not CMS SignedData");
            }
        }
    }

    [GeneratedRegex(@"/Contents\s*<([0-9A-Fa-f\s]{64,})>", RegexOptions.CultureInvariant)]
    private static partial Regex ContentsPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
