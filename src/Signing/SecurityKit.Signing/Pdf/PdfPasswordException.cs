namespace SecurityKit.Signing.Pdf;

/// <summary>
/// The password given for an encrypted PDF is neither its user nor its owner password (ISO 32000-1 §7.6.3.4
/// Algorithms 6 and 7, ISO 32000-2 §7.6.4.3.3 Algorithm 2.A). The message names the security handler, never the
/// password. Nothing is written.
/// </summary>
public sealed class PdfPasswordException : PdfFormatException
{
    /// <summary>Creates the error for <paramref name="securityHandler"/>.</summary>
    /// <param name="securityHandler">The handler, e.g. <c>standard security handler R6, AES-256</c>.</param>
    public PdfPasswordException(string securityHandler)
        : base($"the password opens the encrypted PDF ({securityHandler}) neither as its user nor as its owner password", "PDF password")
    {
        SecurityHandler = securityHandler;
    }

    /// <summary>The security handler and algorithm.</summary>
    public string SecurityHandler { get; }
}
