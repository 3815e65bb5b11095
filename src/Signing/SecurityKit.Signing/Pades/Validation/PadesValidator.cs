using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.Pdf;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Pades.Validation;

/// <summary>
/// Validates every signature and document timestamp of a PDF. The PDF checks are made here: the byte range (it
/// leaves out exactly the /Contents string and ends at a revision's %%EOF), what was appended after each signature
/// against the document's DocMDP/FieldMDP permissions, and the level reached (DSS, document timestamps). Each CMS is
/// validated by the shared <see cref="CadesValidator"/> over the digest of its byte range, with the DSS's
/// certificates, OCSP responses and CRLs as validation data, so a B-LT/B-LTA PDF validates offline; document
/// timestamps by the shared <see cref="TimestampVerifier"/> with their TSA's revocation. Indications are those of
/// ETSI EN 319 102-1 §5.1.3.
/// </summary>
public sealed class PadesValidator
{
    private readonly HttpClient? http;

    /// <summary>Creates a validator.</summary>
    /// <param name="httpClient">For online OCSP/CRL checks when the document's DSS has no answer; none when null.</param>
    public PadesValidator(HttpClient? httpClient = null)
    {
        http = httpClient;
    }

    /// <summary>Whether a stream starts like a PDF (<c>%PDF-</c> within its first 1024 bytes).</summary>
    /// <param name="head">The first bytes of the input.</param>
    public static bool LooksLikePdf(ReadOnlySpan<byte> head) => head[..Math.Min(head.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>Validates the PDF in <paramref name="pdf"/> (readable, seekable).</summary>
    /// <param name="pdf">The PDF.</param>
    /// <param name="trustAnchors">Trusted root certificates.</param>
    /// <param name="cancellationToken">Cancels online revocation checks.</param>
    /// <returns>One report per signature, oldest first.</returns>
    public Task<PadesValidationReport> ValidateAsync(Stream pdf, X509Certificate2Collection trustAnchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        var options = new ValidationOptions
        {
            TrustAnchors = trustAnchors.ToArray(),
            OnlineRevocation = http is null ? null : new RevocationChecker(http),
        };
        return ValidateAsync(pdf, options, cancellationToken);
    }

    /// <summary>Validates the PDF in <paramref name="pdf"/> (readable, seekable) with full validation options.</summary>
    /// <param name="pdf">The PDF.</param>
    /// <param name="options">Trust anchors, time, revocation sources and policy.</param>
    /// <param name="cancellationToken">Cancels online revocation checks.</param>
    /// <returns>One report per signature, oldest first.</returns>
#pragma warning disable CA1822 // an instance method beside the overload that uses this validator's HTTP client
    public async Task<PadesValidationReport> ValidateAsync(Stream pdf, ValidationOptions options, CancellationToken cancellationToken = default)
#pragma warning restore CA1822
    {
        var results = await ValidateAllAsync(pdf, options, cancellationToken).ConfigureAwait(false);
        return new PadesValidationReport([.. results.Select(r => r.Pdf)]);
    }

    // An encrypted PDF is read with the password given, or else with the empty user password, which is how readers open
    // documents protected only by an owner password (ISO 32000-1 §7.6.3.1).
    private static PdfDocument OpenForValidation(PdfByteSource source, string? password)
    {
        try
        {
            return PdfDocument.Open(source, password ?? string.Empty);
        }
        catch (PdfPasswordException e) when (password is null)
        {
            throw new PdfEncryptedException(e.SecurityHandler);
        }
    }

    /// <summary>Each signature's PDF report and its shared <see cref="SignatureReport"/>, oldest first.</summary>
    internal static async Task<List<(PadesSignatureReport Pdf, SignatureReport Report)>> ValidateAllAsync(Stream pdf, ValidationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(options);
        pdf.Position = 0;
        var source = PdfByteSource.FromStream(pdf);
        var document = OpenForValidation(source, options.PdfPassword);
        var signatures = PdfSignatureInspector.Find(document);
        if (signatures.Count == 0)
        {
            throw new PdfFormatException("the PDF holds no signature", "AcroForm");
        }

        var dss = PdfDss.Read(document);
        var withDss = options.WithValidationData(dss.Certificates, dss.RevocationData, "DSS");
        var permissions = PdfDocMdp.Read(document, signatures);
        var results = new List<(PadesSignatureReport Pdf, SignatureReport Report)>();
        for (var i = 0; i < signatures.Count; i++)
        {
            var signature = signatures[i];
            var id = $"S{i + 1}";
            var pdfReport = new PadesSignatureReport
            {
                FieldName = signature.FieldName,
                Kind = signature.IsDocumentTimestamp ? "document-timestamp" : "signature",
                SubFilter = signature.SubFilter,
                ByteRange = signature.ByteRange,
                ClaimedSigningTime = (signature.Dictionary["M"] as PdfString)?.Text,
                Certification = permissions.CertificationIndex == i ? permissions.Permission : null,
            };
            var report = new SignatureReport { Id = id, Format = signature.IsDocumentTimestamp ? "PAdES document timestamp" : "PAdES" };
            if (CheckByteRange(document, signature, pdfReport, report))
            {
                report = signature.IsDocumentTimestamp
                    ? await ValidateDocumentTimestampAsync(id, pdf, signature, withDss, cancellationToken).ConfigureAwait(false)
                    : await ValidateCmsSignatureAsync(id, pdf, signature, withDss, cancellationToken).ConfigureAwait(false);
                if (!pdfReport.CoversWholeDocument)
                {
                    var signed = PdfDocument.Open(source.Prefix(signature.CoveredLength), document.Password);
                    var changes = PdfModificationAnalyzer.Analyze(signed, document, permissions.PolicyAfter(i));
                    pdfReport.DisallowedChanges.AddRange(changes.Disallowed);
                    pdfReport.AllowedChanges.AddRange(changes.Allowed);
                    foreach (var change in changes.Disallowed)
                    {
                        report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "changed after signing: " + change);
                    }

                    if (changes.Allowed.Count > 0)
                    {
                        report.Warnings.Add($"changes after signing that {permissions.PolicyAfter(i).Describe()} allows: " + string.Join("; ", changes.Allowed.Take(5)));
                    }
                }
            }

            results.Add((pdfReport, report));
        }

        AssignLevels(signatures, results, dss);
        foreach (var (pdfReport, report) in results)
        {
            Summarise(report, pdfReport);
        }

        return results;
    }

    private const string CoversEarlierRevision = "the signature covers an earlier revision of the document (later updates were checked)";

    private static bool CheckByteRange(PdfDocument document, PdfSignatureInfo signature, PadesSignatureReport report, SignatureReport result)
    {
        var r = signature.ByteRange;
        if (r.Length != 4 || r[0] != 0 || r[1] <= 0 || r[2] <= r[1] || r[3] < 0 || r[2] + r[3] > document.Length)
        {
            result.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "the /ByteRange is not [0 a b c] within the file");
            return false;
        }

        // The gap must be exactly the /Contents hexadecimal string: '<', hex digits that decode to /Contents, '>'.
        var gapLength = r[2] - r[1];
        if (gapLength > 4 * 1024 * 1024 || gapLength != (2L * signature.Contents.Length) + 2)
        {
            result.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "the /ByteRange gap is not the /Contents string");
            return false;
        }

        var gap = document.Source.Read(r[1], (int)gapLength);
        if (gap[0] != '<' || gap[^1] != '>' || !HexEquals(gap.AsSpan(1, gap.Length - 2), signature.Contents))
        {
            result.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "the /ByteRange gap is not the /Contents string");
            return false;
        }

        // The signed part must end at a revision's end: "%%EOF" then at most an end-of-line.
        var end = r[2] + r[3];
        var tail = document.Source.Read(Math.Max(0, end - 8), (int)Math.Min(8, end));
        var text = System.Text.Encoding.ASCII.GetString(tail).TrimEnd('\r', '\n');
        if (!text.EndsWith("%%EOF", StringComparison.Ordinal))
        {
            result.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "the byte range does not end at the end of a revision (%%EOF)");
            return false;
        }

        report.CoversWholeDocument = end == document.Length;
        return true;
    }

    private static bool HexEquals(ReadOnlySpan<byte> hex, byte[] bytes)
    {
        try
        {
            return Convert.FromHexString(System.Text.Encoding.ASCII.GetString(hex)).AsSpan().SequenceEqual(bytes);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static byte[] HashByteRange(Stream pdf, long[] range, HashAlgorithmName algorithm)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = new byte[128 * 1024];
        for (var i = 0; i < 4; i += 2)
        {
            pdf.Position = range[i];
            var remaining = range[i + 1];
            while (remaining > 0)
            {
                var n = pdf.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (n <= 0)
                {
                    throw new PdfFormatException("the file ends inside the byte range", PdfDocument.Offset(pdf.Position));
                }

                hash.AppendData(buffer, 0, n);
                remaining -= n;
            }
        }

        return hash.GetHashAndReset();
    }

    private static async Task<SignatureReport> ValidateCmsSignatureAsync(string id, Stream pdf, PdfSignatureInfo signature, ValidationOptions options, CancellationToken cancellationToken)
    {
        SignatureReport report;
        try
        {
            var cms = CmsSignedData.Decode(signature.Der);
            if (cms.SignerInfos.Count != 1)
            {
                throw new SecurityKitException($"a PDF signature's CMS has exactly one SignerInfo, this one has {cms.SignerInfos.Count}", "CMS SignedData.signerInfos");
            }

            var signer = cms.SignerInfos[0];
            var algorithm = DigestAlgorithm.FromOid(signer.DigestAlgorithmOid);
            var content = algorithm is null ? null : SignedContent.FromDigest(algorithm, HashByteRange(pdf, signature.ByteRange, algorithm.HashName));
            report = await new CadesValidator().ValidateSignerAsync(id, null, cms, signer, content, options, cancellationToken).ConfigureAwait(false);
            if (signature.SubFilter == "ETSI.CAdES.detached" && signer.SignedAttribute(CmsOids.SigningTime) is not null)
            {
                report.Warnings.Add("the CMS carries a signing-time attribute, which PAdES baseline signatures do not allow (EN 319 142-1 §6.3: the time is /M)");
            }
        }
        catch (SecurityKitException e)
        {
            report = new SignatureReport { Id = id, Format = "PAdES" };
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, e.Message);
        }

        if (report.ClaimedSigningTime is null && signature.Dictionary["M"] is PdfString m && PdfDate(m.Text) is { } claimed)
        {
            report.ClaimedSigningTime = claimed;
        }

        return report;
    }

    private static async Task<SignatureReport> ValidateDocumentTimestampAsync(string id, Stream pdf, PdfSignatureInfo signature, ValidationOptions options, CancellationToken cancellationToken)
    {
        var report = new SignatureReport { Id = id, Format = "PAdES document timestamp" };
        if (!Rfc3161TimestampToken.TryDecode(signature.Der, out var token, out _) || token is null)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "the document timestamp is not an RFC 3161 token");
            return report;
        }

        var algorithm = DigestAlgorithm.FromOid(token.TokenInfo.HashAlgorithmId.Value ?? string.Empty);
        if (algorithm is null)
        {
            report.Fail(Indication.Indeterminate, SubIndication.CryptoConstraintsFailure, "the document timestamp uses a digest algorithm that is not accepted");
            return report;
        }

        var digest = HashByteRange(pdf, signature.ByteRange, algorithm.HashName);
        if (!token.TokenInfo.GetMessageHash().Span.SequenceEqual(digest))
        {
            report.Fail(Indication.TotalFailed, SubIndication.HashFailure, "the document timestamp does not cover the byte range");
            return report;
        }

        var timestamp = TimestampVerifier.VerifyDigest("DOCUMENT_TIMESTAMP", signature.Der, digest, algorithm.HashName, options.TrustAnchors, options.AdditionalCertificates, out var authority);
        if (timestamp.Valid && authority is not null && timestamp.GenerationTime is { } genTime)
        {
            report.Signer = CertificatePaths.Report(authority, options.TrustAnchors);
            var pool = token.AsSignedCms().Certificates.Cast<X509Certificate2>().Concat(options.AdditionalCertificates).ToList();
            timestamp = await CadesValidator.CheckAuthorityRevocationAsync(timestamp, authority, genTime, pool, [.. options.GivenRevocationData()], report, options, options.ValidationTime ?? DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        }

        report.Timestamps.Add(timestamp);
        if (timestamp.Valid)
        {
            report.ProvenSigningTime = timestamp.GenerationTime;
        }
        else
        {
            report.Fail(Indication.Indeterminate, SubIndication.SigConstraintsFailure, $"the document timestamp is not valid: {timestamp.Message}");
        }

        return report;
    }

    // ISO 32000-1 §7.9.4: D:YYYYMMDDHHmmSSOHH'mm (the later fields optional).
    private static DateTimeOffset? PdfDate(string text)
    {
        var value = text.StartsWith("D:", StringComparison.Ordinal) ? text[2..] : text;
        value = value.Replace("'", string.Empty, StringComparison.Ordinal);
        if (value.EndsWith('Z'))
        {
            value = value[..^1] + "+0000";
        }

        return DateTimeOffset.TryParseExact(value, ["yyyyMMddHHmmsszzz", "yyyyMMddHHmmss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    private static void AssignLevels(List<PdfSignatureInfo> signatures, List<(PadesSignatureReport Pdf, SignatureReport Report)> results, PdfDss dss)
    {
        for (var i = 0; i < signatures.Count; i++)
        {
            if (signatures[i].IsDocumentTimestamp || signatures[i].SubFilter != "ETSI.CAdES.detached")
            {
                continue;
            }

            var (pdfReport, report) = results[i];
            // EN 319 142-1 §6.3: B-T has a valid signature timestamp, B-LT a DSS with validation data added after the
            // signature, B-LTA a valid document timestamp after that DSS.
            var level = report.Timestamps.Any(t => t.Type == "SIGNATURE_TIMESTAMP" && t.Valid) ? "B-T" : "B-B";
            if (level == "B-T" && dss.Offset > signatures[i].CoveredLength && dss.HasRevocationData)
            {
                level = "B-LT";
                if (Enumerable.Range(i + 1, signatures.Count - i - 1)
                    .Any(k => signatures[k].IsDocumentTimestamp && signatures[k].CoveredLength > dss.Offset && results[k].Report.Indication == Indication.TotalPassed))
                {
                    level = "B-LTA";
                }
            }

            pdfReport.Level = level;
            report.Format = "PAdES-BASELINE-" + level[2..]; // EN 319 142-1 names: PAdES-BASELINE-B, -T, -LT, -LTA
        }
    }

    private static void Summarise(SignatureReport report, PadesSignatureReport pdfReport)
    {
        if (!pdfReport.CoversWholeDocument && report.Indication != Indication.TotalFailed && !report.Warnings.Contains(CoversEarlierRevision))
        {
            report.Warnings.Add(CoversEarlierRevision);
        }

        pdfReport.Signer = report.Signer?.CommonName;
        pdfReport.TimestampTime = report.ProvenSigningTime;
        pdfReport.Errors.AddRange(report.Errors);
        pdfReport.Warnings.AddRange(report.Warnings);
        pdfReport.Result = report;
        if (report.Indication != Indication.TotalPassed)
        {
            pdfReport.Indication = report.Indication == Indication.TotalFailed ? PadesIndication.TotalFailed : PadesIndication.Indeterminate;
            pdfReport.SubIndication = report.SubIndication is { } sub ? Name(sub) : null;
        }
    }

    // The EN 319 102-1 name of a sub-indication, as the JSON report writes it.
    private static string Name(SubIndication sub) =>
        typeof(SubIndication).GetField(sub.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? sub.ToString();
}
