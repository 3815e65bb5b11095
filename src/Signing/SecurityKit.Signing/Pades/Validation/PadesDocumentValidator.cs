using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Pades.Validation;

/// <summary>
/// The PAdES side of <see cref="SignedDocumentValidator"/>: <see cref="PadesValidator"/> validates each CMS with the
/// shared <see cref="CadesValidator"/> (one report format for CAdES and PAdES, the DSS as validation data) and adds the
/// PDF-specific results (byte range, changes after signing against DocMDP/FieldMDP, level, document timestamps).
/// </summary>
internal sealed class PadesDocumentValidator : IPdfSignatureValidator
{
    public async Task<IReadOnlyList<SignatureReport>> ValidateAsync(Stream pdf, ValidationOptions options, CancellationToken cancellationToken = default)
    {
        var results = await PadesValidator.ValidateAllAsync(pdf, options, cancellationToken).ConfigureAwait(false);
        return [.. results.Select(r => r.Report)];
    }
}
