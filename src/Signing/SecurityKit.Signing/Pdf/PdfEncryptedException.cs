namespace SecurityKit.Signing.Pdf;

/// <summary>
/// The PDF is encrypted (ISO 32000-1 §7.6, ISO 32000-2 §7.6.4 for AES-256) and cannot be opened as asked: no password
/// was given, or its security handler is one this library does not implement (public-key handlers, unknown revisions).
/// The message names the security handler (e.g. <c>standard security handler R6, AES-256</c>), never a password.
/// Nothing is written.
/// </summary>
public sealed class PdfEncryptedException : PdfFormatException
{
    /// <summary>Creates the error for an encrypted PDF opened without a password.</summary>
    /// <param name="securityHandler">The handler, e.g. <c>standard security handler R6, AES-256</c>.</param>
    public PdfEncryptedException(string securityHandler)
        : base($"the PDF is encrypted ({securityHandler}): give its user or owner password", "trailer /Encrypt")
    {
        SecurityHandler = securityHandler;
    }

    /// <summary>Creates the error for an encrypted PDF whose security handler is not supported.</summary>
    /// <param name="securityHandler">The handler, e.g. <c>security handler /Adobe.PubSec</c>.</param>
    /// <param name="reason">Why it cannot be opened.</param>
    public PdfEncryptedException(string securityHandler, string reason)
        : base($"the PDF is encrypted ({securityHandler}): {reason}; decrypt it first (e.g. with qpdf --decrypt)", "trailer /Encrypt")
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
