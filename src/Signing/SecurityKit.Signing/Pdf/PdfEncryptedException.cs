namespace SecurityKit.Signing.Pdf;

/// <summary>
/// The PDF is encrypted (ISO 32000-1 §7.6, ISO 32000-2 §7.6.4 for AES-256). SecurityKit does not sign encrypted PDFs:
/// an incremental update would have to encrypt every new string and stream except the signature's /Contents with the
/// document key, which this library does not implement. The message names the security handler so the caller knows
/// what to decrypt (e.g. <c>qpdf --decrypt --password=… in.pdf out.pdf</c>). Nothing is written.
/// </summary>
public sealed class PdfEncryptedException : PdfFormatException
{
    /// <summary>Creates the error for <paramref name="securityHandler"/>.</summary>
    /// <param name="securityHandler">The handler, e.g. <c>standard security handler R6, AES-256</c>.</param>
    public PdfEncryptedException(string securityHandler)
        : base($"the PDF is encrypted ({securityHandler}); signing encrypted PDFs is not supported: decrypt it first with its password", "trailer /Encrypt")
    {
        SecurityHandler = securityHandler;
    }

    /// <summary>The security handler and algorithm, e.g. <c>standard security handler R6, AES-256</c>.</summary>
    public string SecurityHandler { get; }

    // ISO 32000-1 §7.6.1 table 20 (/Filter, /V), §7.6.3.2 table 21 (/R), §7.6.5 table 25 (/CFM); ISO 32000-2 adds
    // V=5/R=6 with AESV3.
    internal static string Describe(PdfDocument document, PdfDictionary? encrypt)
    {
        if (encrypt is null)
        {
            return "unreadable /Encrypt dictionary";
        }

        var filter = encrypt.NameOf("Filter") ?? "unknown";
        long Number(string key) => document.Resolve(encrypt[key]) is PdfNumber n && n.IsInteger ? n.AsLong() : 0;
        var v = Number("V");
        var r = Number("R");
        var method = document.ResolveDictionary(document.ResolveDictionary(encrypt["CF"])?[encrypt.NameOf("StmF") ?? "StdCF"])?.NameOf("CFM");
        var algorithm = (v, method) switch
        {
            (5, _) or (_, "AESV3") => "AES-256",
            (4, "AESV2") => "AES-128",
            (4, "V2") => "RC4-128",
            (4, "None") => "no stream encryption",
            (2 or 3, _) => $"RC4-{(Number("Length") is > 0 and var bits ? bits : 40)}",
            (1, _) => "RC4-40",
            _ => $"V={v}",
        };
        var handler = filter == "Standard" ? "standard security handler" : $"security handler /{filter}";
        return $"{handler}{(r > 0 ? $" R{r}" : string.Empty)}, {algorithm}";
    }
}
