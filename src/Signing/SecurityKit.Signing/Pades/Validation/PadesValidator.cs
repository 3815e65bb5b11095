using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Pades.Cms;
using SecurityKit.Signing.Pdf;

namespace SecurityKit.Signing.Pades.Validation;

/// <summary>
/// Validates every signature and document timestamp of a PDF: the byte range (it leaves out exactly the /Contents
/// string and ends at a revision's %%EOF), the digest of the range against the CMS message-digest, the signature
/// value, signing-certificate-v2, the chain to the given trust anchors, revocation (DSS first, then online), the
/// signature timestamp, and whether what was appended after each signature is an allowed change. Each signature gets an
/// indication of ETSI EN 319 102-1 §5.1.3.
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
    public async Task<PadesValidationReport> ValidateAsync(Stream pdf, X509Certificate2Collection trustAnchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(trustAnchors);
        pdf.Position = 0;
        var source = PdfByteSource.FromStream(pdf);
        var document = PdfDocument.Open(source);
        var signatures = PdfSignatureInspector.Find(document);
        if (signatures.Count == 0)
        {
            throw new PdfFormatException("the PDF holds no signature", "AcroForm");
        }

        var dss = ReadDss(document);
        var revocation = new PadesRevocationChecker(http, dss.Ocsps, dss.Crls);
        var reports = new List<PadesSignatureReport>();
        foreach (var signature in signatures)
        {
            var report = new PadesSignatureReport
            {
                FieldName = signature.FieldName,
                Kind = signature.IsDocumentTimestamp ? "document-timestamp" : "signature",
                SubFilter = signature.SubFilter,
                ByteRange = signature.ByteRange,
                ClaimedSigningTime = (signature.Dictionary["M"] as PdfString)?.Text,
            };
            reports.Add(report);
            if (!CheckByteRange(document, signature, report))
            {
                continue;
            }

            if (signature.IsDocumentTimestamp)
            {
                await ValidateDocumentTimestampAsync(pdf, signature, trustAnchors, dss.Certificates, revocation, report, cancellationToken);
            }
            else
            {
                await ValidateCmsSignatureAsync(pdf, signature, trustAnchors, dss.Certificates, revocation, report, cancellationToken);
            }

            if (!report.CoversWholeDocument)
            {
                var signed = PdfDocument.Open(source.Prefix(signature.CoveredLength));
                var changes = PdfModificationAnalyzer.FindDisallowedChanges(signed, document);
                report.DisallowedChanges.AddRange(changes);
                if (changes.Count > 0)
                {
                    report.Fail(PadesIndication.TotalFailed, "FORMAT_FAILURE", "the document was changed after this signature in ways a signature does not allow: " + string.Join("; ", changes.Take(5)));
                }
            }
        }

        AssignLevels(signatures, reports, dss);
        return new PadesValidationReport(reports);
    }

    private static bool CheckByteRange(PdfDocument document, PdfSignatureInfo signature, PadesSignatureReport report)
    {
        var r = signature.ByteRange;
        if (r.Length != 4 || r[0] != 0 || r[1] <= 0 || r[2] <= r[1] || r[3] < 0 || r[2] + r[3] > document.Length)
        {
            report.Fail(PadesIndication.TotalFailed, "FORMAT_FAILURE", "the /ByteRange is not [0 a b c] within the file");
            return false;
        }

        // The gap must be exactly the /Contents hexadecimal string: '<', hex digits that decode to /Contents, '>'.
        var gapLength = r[2] - r[1];
        if (gapLength > 4 * 1024 * 1024 || gapLength != (2L * signature.Contents.Length) + 2)
        {
            report.Fail(PadesIndication.TotalFailed, "FORMAT_FAILURE", "the /ByteRange gap is not the /Contents string");
            return false;
        }

        var gap = document.Source.Read(r[1], (int)gapLength);
        if (gap[0] != '<' || gap[^1] != '>' || !HexEquals(gap.AsSpan(1, gap.Length - 2), signature.Contents))
        {
            report.Fail(PadesIndication.TotalFailed, "FORMAT_FAILURE", "the /ByteRange gap is not the /Contents string");
            return false;
        }

        // The signed part must end at a revision's end: "%%EOF" then at most an end-of-line.
        var end = r[2] + r[3];
        var tail = document.Source.Read(Math.Max(0, end - 8), (int)Math.Min(8, end));
        var text = System.Text.Encoding.ASCII.GetString(tail).TrimEnd('\r', '\n');
        if (!text.EndsWith("%%EOF", StringComparison.Ordinal))
        {
            report.Fail(PadesIndication.TotalFailed, "FORMAT_FAILURE", "the byte range does not end at the end of a revision (%%EOF)");
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

    private static async Task ValidateCmsSignatureAsync(
        Stream pdf, PdfSignatureInfo signature, X509Certificate2Collection anchors, IReadOnlyList<X509Certificate2> dssCertificates,
        PadesRevocationChecker revocation, PadesSignatureReport report, CancellationToken cancellationToken)
    {
        CmsSignerInfoParts parts;
        try
        {
            parts = CmsSignerInfoParts.Parse(signature.Der);
        }
        catch (SecurityKitException e)
        {
            report.Fail(PadesIndication.TotalFailed, "FORMAT_FAILURE", e.Message);
            return;
        }

        var certificate = parts.Signer.Certificate;
        if (certificate is null)
        {
            report.Fail(PadesIndication.Indeterminate, "NO_SIGNING_CERTIFICATE_FOUND", "the CMS does not carry the signer's certificate");
            return;
        }

        report.Signer = certificate.Subject;
        var digest = HashByteRange(pdf, signature.ByteRange, parts.DigestAlgorithm);
        if (parts.MessageDigest is not { } messageDigest || !CryptographicOperations.FixedTimeEquals(messageDigest, digest))
        {
            report.Fail(PadesIndication.TotalFailed, "HASH_FAILURE", "the digest of the byte range does not match the signature's message-digest");
            return;
        }

        if (!parts.VerifySignature(certificate))
        {
            report.Fail(PadesIndication.TotalFailed, "SIG_CRYPTO_FAILURE", "the signature value does not verify with the signer's public key");
            return;
        }

        if (signature.SubFilter == "ETSI.CAdES.detached")
        {
            // EN 319 142-1 §6.3: signing-certificate-v2 is required and signing-time is not allowed.
            if (parts.SigningCertificateMatches(certificate) is not true)
            {
                report.Fail(PadesIndication.Indeterminate, "NO_SIGNING_CERTIFICATE_FOUND", "signing-certificate-v2 is missing or does not name the signer's certificate");
            }

            if (parts.HasSignedAttribute(PadesCmsOids.SigningTime))
            {
                report.Warnings.Add("the CMS carries a signing-time attribute, which PAdES baseline signatures do not allow (the time is /M)");
            }
        }

        DateTimeOffset? timestampTime = null;
        foreach (var attribute in parts.Signer.UnsignedAttributes)
        {
            if (attribute.Oid.Value != PadesCmsOids.SignatureTimeStampToken || attribute.Values.Count == 0)
            {
                continue;
            }

            if (!Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _)
                || !token.VerifySignatureForSignerInfo(parts.Signer, out var tsaCertificate)
                || tsaCertificate is null)
            {
                report.Fail(PadesIndication.TotalFailed, "SIG_CRYPTO_FAILURE", "the signature timestamp does not verify or does not cover this signature");
                continue;
            }

            timestampTime = token.TokenInfo.Timestamp;
            await CheckChainAsync(tsaCertificate, [.. token.AsSignedCms().Certificates, .. dssCertificates], anchors, timestampTime.Value, revocation, report, "TSA", cancellationToken);
        }

        report.TimestampTime = timestampTime;
        await CheckChainAsync(certificate, [.. parts.Cms.Certificates, .. dssCertificates], anchors, timestampTime ?? DateTimeOffset.UtcNow, revocation, report, "signer", cancellationToken);
    }

    private static async Task ValidateDocumentTimestampAsync(
        Stream pdf, PdfSignatureInfo signature, X509Certificate2Collection anchors, IReadOnlyList<X509Certificate2> dssCertificates,
        PadesRevocationChecker revocation, PadesSignatureReport report, CancellationToken cancellationToken)
    {
        if (!Rfc3161TimestampToken.TryDecode(signature.Der, out var token, out _))
        {
            report.Fail(PadesIndication.TotalFailed, "FORMAT_FAILURE", "the document timestamp is not an RFC 3161 token");
            return;
        }

        var algorithm = token.TokenInfo.HashAlgorithmId.Value switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (algorithm == default)
        {
            report.Fail(PadesIndication.TotalFailed, "FORMAT_FAILURE", "the document timestamp uses an unsupported digest");
            return;
        }

        var digest = HashByteRange(pdf, signature.ByteRange, algorithm);
        if (!token.VerifySignatureForHash(digest, algorithm, out var tsaCertificate) || tsaCertificate is null)
        {
            report.Fail(PadesIndication.TotalFailed, "HASH_FAILURE", "the document timestamp does not cover the byte range or its signature does not verify");
            return;
        }

        report.Signer = tsaCertificate.Subject;
        report.TimestampTime = token.TokenInfo.Timestamp;
        await CheckChainAsync(tsaCertificate, [.. token.AsSignedCms().Certificates, .. dssCertificates], anchors, token.TokenInfo.Timestamp, revocation, report, "TSA", cancellationToken);
    }

    private static async Task CheckChainAsync(
        X509Certificate2 certificate, X509Certificate2[] extra, X509Certificate2Collection anchors, DateTimeOffset time,
        PadesRevocationChecker revocation, PadesSignatureReport report, string role, CancellationToken cancellationToken)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            var sub = chain.ChainStatus.Any(s => s.Status == X509ChainStatusFlags.NotTimeValid) ? "OUT_OF_BOUNDS_NO_POE" : "NO_CERTIFICATE_CHAIN_FOUND";
            report.Fail(PadesIndication.Indeterminate, sub, $"the {role} certificate does not chain to a trust anchor ({status})");
            return;
        }

        var elements = chain.ChainElements.Select(e => e.Certificate).ToList();
        for (var i = 0; i + 1 < elements.Count; i++)
        {
            var (finding, source) = await revocation.CheckAsync(elements[i], elements[i + 1], cancellationToken);
            switch (finding)
            {
                case RevocationFinding.Revoked:
                    report.Fail(PadesIndication.TotalFailed, "REVOKED", $"a {role} chain certificate is revoked ({source})");
                    return;
                case RevocationFinding.Unknown:
                    report.Fail(PadesIndication.Indeterminate, "TRY_LATER", $"the revocation status of a {role} chain certificate is unknown: {source}");
                    return;
            }
        }
    }

    private static void AssignLevels(List<PdfSignatureInfo> signatures, List<PadesSignatureReport> reports, (List<X509Certificate2> Certificates, List<byte[]> Ocsps, List<byte[]> Crls, long Offset) dss)
    {
        for (var i = 0; i < signatures.Count; i++)
        {
            if (signatures[i].IsDocumentTimestamp || signatures[i].SubFilter != "ETSI.CAdES.detached")
            {
                continue;
            }

            var level = reports[i].TimestampTime is null ? "B-B" : "B-T";
            var hasValidationData = dss.Offset > signatures[i].CoveredLength && (dss.Ocsps.Count > 0 || dss.Crls.Count > 0);
            if (level == "B-T" && hasValidationData)
            {
                level = "B-LT";
                if (signatures.Skip(i + 1).Select((s, k) => (s, r: reports[i + 1 + k]))
                    .Any(x => x.s.IsDocumentTimestamp && x.s.CoveredLength > dss.Offset && x.r.Indication == PadesIndication.TotalPassed))
                {
                    level = "B-LTA";
                }
            }

            reports[i].Level = level;
        }
    }

    private static (List<X509Certificate2> Certificates, List<byte[]> Ocsps, List<byte[]> Crls, long Offset) ReadDss(PdfDocument document)
    {
        var certificates = new List<X509Certificate2>();
        var ocsps = new List<byte[]>();
        var crls = new List<byte[]>();
        var catalogDss = document.Catalog["DSS"];
        var dss = document.ResolveDictionary(catalogDss);
        if (dss is null)
        {
            return (certificates, ocsps, crls, -1);
        }

        List<byte[]> Streams(string key) =>
            document.Resolve(dss[key]) is PdfArray array
                ? [.. array.Items.Select(document.Resolve).OfType<PdfStream>().Select(s => document.DecodeStream(s, "DSS /" + key))]
                : [];
        foreach (var der in Streams("Certs"))
        {
            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (CryptographicException)
            {
                // an unreadable certificate in the DSS is ignored; chains are then built without it
            }
        }

        ocsps.AddRange(Streams("OCSPs"));
        crls.AddRange(Streams("CRLs"));
        // Where the DSS was written: the offset of its object, to tell which signatures it came after.
        var offset = catalogDss is PdfReference r && document.LocationOf(r.Number) is { Kind: PdfObjectLocationKind.InFile } l ? l.OffsetOrStream : document.Length;
        return (certificates, ocsps, crls, offset);
    }
}
