using System.Text;

namespace SecurityKit.Signing.Validation;

/// <summary>
/// The entry point of validation for any signed document: PDFs (by their <c>%PDF-</c> header) go to the PAdES
/// validator, anything else is read as CMS (DER, BER or PEM) and validated as CAdES.
/// </summary>
public sealed partial class SignedDocumentValidator
{
    private readonly IPdfSignatureValidator? _pdf;
    private readonly CadesValidator _cades;

    /// <summary>Creates a validator; without <paramref name="pdfValidator"/>, the PAdES module's own is used when this build has one.</summary>
    public SignedDocumentValidator(IPdfSignatureValidator? pdfValidator = null, CadesValidator? cadesValidator = null)
    {
        var pdf = pdfValidator;
        if (pdf is null)
        {
            CreateDefaultPdfValidator(ref pdf);
        }

        _pdf = pdf;
        _cades = cadesValidator ?? new CadesValidator();
    }

    /// <summary>The PAdES module supplies its validator by implementing this partial method.</summary>
    static partial void CreateDefaultPdfValidator(ref IPdfSignatureValidator? validator);

    /// <summary>Validates every signature of <paramref name="document"/>.</summary>
    /// <param name="document">A PDF, or a CMS/CAdES signature (<c>.p7s</c>, <c>.p7m</c>).</param>
    /// <param name="detachedContent">The signed content of a detached CAdES signature.</param>
    /// <param name="options">Trust anchors, time and revocation sources.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="SecurityKitException">The input is neither a PDF nor a CMS SignedData.</exception>
    public async Task<ValidationReport> ValidateAsync(Stream document, SignedContent? detachedContent, ValidationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var head = new byte[1024];
        var headLength = await document.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        // ISO 32000-2 §7.5.2: the header may follow up to 1024 bytes of other data.
        if (head.AsSpan(0, headLength).IndexOf("%PDF-"u8) >= 0)
        {
            if (_pdf is null)
            {
                throw new SecurityKitException("PDF signature validation is not available in this build", "input");
            }

            var pdf = document.CanSeek ? document : await BufferAsync(head, headLength, document, cancellationToken).ConfigureAwait(false);
            pdf.Position = 0;
            return new ValidationReport(await _pdf.ValidateAsync(pdf, options, cancellationToken).ConfigureAwait(false));
        }

        using var buffer = new MemoryStream();
        buffer.Write(head, 0, headLength);
        await document.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var cms = Unpem(buffer.ToArray());
        return new ValidationReport(await _cades.ValidateAsync(cms, detachedContent, options, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Stream> BufferAsync(byte[] head, int headLength, Stream rest, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        buffer.Write(head, 0, headLength);
        await rest.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }

    // RFC 7468 §8/§9: "PKCS7" and "CMS" PEM labels carry a ContentInfo.
    private static byte[] Unpem(byte[] input)
    {
        if (input.Length == 0 || input[0] != (byte)'-')
        {
            return input;
        }

        var text = Encoding.ASCII.GetString(input);
        foreach (var label in new[] { "CMS", "PKCS7" })
        {
            if (System.Security.Cryptography.PemEncoding.TryFind(text, out var fields) && text[fields.Label] == label)
            {
                return Convert.FromBase64String(text[fields.Base64Data]);
            }
        }

        throw new SecurityKitException("the PEM input is not a CMS or PKCS7 block", "input");
    }
}
