namespace SecurityKit.Signing.Validation;

/// <summary>
/// Validates the signatures of a PDF (PAdES). <see cref="SignedDocumentValidator"/> hands it every input that starts
/// with <c>%PDF-</c>; the PAdES module implements it and uses <see cref="CadesValidator"/> for each embedded CMS.
/// </summary>
public interface IPdfSignatureValidator
{
    /// <summary>Validates every signature of <paramref name="pdf"/>, one report per signature.</summary>
    Task<IReadOnlyList<SignatureReport>> ValidateAsync(Stream pdf, ValidationOptions options, CancellationToken cancellationToken = default);
}
