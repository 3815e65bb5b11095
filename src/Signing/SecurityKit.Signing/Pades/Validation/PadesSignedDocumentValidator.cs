using SecurityKit.Signing.Pades.Validation;

namespace SecurityKit.Signing.Validation;

/// <summary>The PAdES module's half of <see cref="SignedDocumentValidator"/>: PDFs are validated by PAdES.</summary>
public sealed partial class SignedDocumentValidator
{
    static partial void CreateDefaultPdfValidator(ref IPdfSignatureValidator? validator) => validator = new PadesDocumentValidator();
}
