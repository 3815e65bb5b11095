using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.Pdf;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Pades.Validation;

/// <summary>
/// The PAdES side of <see cref="SignedDocumentValidator"/>: each CAdES signature's CMS is validated by the shared
/// <see cref="CadesValidator"/> over the digest of its byte range (one report format for CAdES and PAdES), and the
/// PDF-specific results of <see cref="PadesValidator"/> are added to it: a byte range that does not leave out exactly
/// /Contents or does not end at a revision, and disallowed changes after signing (FORMAT_FAILURE). Document
/// timestamps are reported from <see cref="PadesValidator"/>.
/// </summary>
internal sealed class PadesDocumentValidator : IPdfSignatureValidator
{
    public async Task<IReadOnlyList<SignatureReport>> ValidateAsync(Stream pdf, ValidationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(options);
        using var http = options.OnlineRevocation is null ? null : new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var anchors = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(options.TrustAnchors.ToArray());
        var pdfReport = await new PadesValidator(http).ValidateAsync(pdf, anchors, cancellationToken);
        pdf.Position = 0;
        var signatures = PdfSignatureInspector.Find(PdfDocument.Open(pdf));
        var cades = new CadesValidator();
        var reports = new List<SignatureReport>();
        for (var i = 0; i < signatures.Count; i++)
        {
            var signature = signatures[i];
            var ours = pdfReport.Signatures[i];
            var id = $"S{i + 1}";
            if (signature.IsDocumentTimestamp || ours.SubIndication == "FORMAT_FAILURE" && ours.DisallowedChanges.Count == 0)
            {
                reports.Add(FromPadesReport(id, ours));
                continue;
            }

            SignatureReport report;
            try
            {
                var cms = CmsSignedData.Decode(signature.Der);
                var signer = cms.SignerInfos.FirstOrDefault() ?? throw new SecurityKitException("the CMS has no SignerInfo", "CMS");
                var algorithm = DigestAlgorithm.FromOid(signer.DigestAlgorithmOid) ?? DigestAlgorithm.Sha256;
                var digest = PadesValidator.HashByteRange(pdf, signature.ByteRange, algorithm.HashName);
                report = await cades.ValidateSignerAsync(id, null, cms, signer, SignedContent.FromDigest(algorithm, digest), options, cancellationToken);
            }
            catch (SecurityKitException e)
            {
                report = new SignatureReport { Id = id };
                report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, e.Message);
            }

            report.Format = ours.Level is { } level ? "PAdES-BASELINE-" + level : report.Format?.Replace("CAdES", "PAdES", StringComparison.Ordinal);
            foreach (var change in ours.DisallowedChanges)
            {
                report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "changed after signing: " + change);
            }

            if (!ours.CoversWholeDocument)
            {
                report.Warnings.Add("the signature covers an earlier revision of the document (later updates were checked)");
            }

            reports.Add(report);
        }

        return reports;
    }

    private static SignatureReport FromPadesReport(string id, PadesSignatureReport ours)
    {
        var report = new SignatureReport
        {
            Id = id,
            Format = ours.Kind == "document-timestamp" ? "PAdES document timestamp" : "PAdES",
        };
        if (ours.TimestampTime is { } time && ours.Kind == "document-timestamp")
        {
            report.ProvenSigningTime = time;
        }

        report.Warnings.AddRange(ours.Warnings);
        if (ours.Indication != PadesIndication.TotalPassed)
        {
            var indication = ours.Indication == PadesIndication.TotalFailed ? Indication.TotalFailed : Indication.Indeterminate;
            var sub = ours.SubIndication switch
            {
                "HASH_FAILURE" => SubIndication.HashFailure,
                "SIG_CRYPTO_FAILURE" => SubIndication.SigCryptoFailure,
                "REVOKED" => SubIndication.Revoked,
                "NO_CERTIFICATE_CHAIN_FOUND" => SubIndication.NoCertificateChainFound,
                "NO_SIGNING_CERTIFICATE_FOUND" => SubIndication.NoSigningCertificateFound,
                "OUT_OF_BOUNDS_NO_POE" => SubIndication.OutOfBoundsNoPoe,
                "TRY_LATER" => SubIndication.TryLater,
                _ => SubIndication.FormatFailure,
            };
            foreach (var error in ours.Errors.DefaultIfEmpty("the signature did not pass"))
            {
                report.Fail(indication, sub, error);
            }
        }

        return report;
    }
}
