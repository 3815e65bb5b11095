using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.Qualified;
using SecurityKit.Signing.Revocation;

namespace SecurityKit.Signing.Validation;

/// <summary>
/// Validates CAdES signatures (ETSI EN 319 102-1 basic signature validation with time and long-term material):
/// signing-certificate identification (RFC 5035), content integrity, signature value, timestamps, the path to the
/// trust anchors at the proven signing time, non-repudiation key usage, revocation with proof-of-existence logic,
/// and the QC statements of the signer's certificate.
/// </summary>
public sealed class CadesValidator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly TimeProvider _time;

    /// <summary>Creates a validator.</summary>
    public CadesValidator(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Validates every signature (and counter-signature) of a CMS.</summary>
    /// <param name="cms">The CMS ContentInfo (DER or BER).</param>
    /// <param name="detachedContent">The signed content of a detached signature.</param>
    /// <param name="options">Trust anchors, time and revocation sources.</param>
    /// <param name="cancellationToken">Cancels the network calls.</param>
    /// <exception cref="SecurityKitException">The input is not a CMS SignedData.</exception>
    public async Task<IReadOnlyList<SignatureReport>> ValidateAsync(ReadOnlyMemory<byte> cms, SignedContent? detachedContent, ValidationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signedData = CmsSignedData.Decode(cms);
        if (signedData.SignerInfos.Count == 0)
        {
            throw new SecurityKitException("the CMS has no signature (no SignerInfo)", "SignedData.signerInfos");
        }

        var content = signedData.Content is { } enveloped ? SignedContent.FromBytes(enveloped) : detachedContent;
        var reports = new List<SignatureReport>();
        for (var i = 0; i < signedData.SignerInfos.Count; i++)
        {
            var signer = signedData.SignerInfos[i];
            var id = $"S{i + 1}";
            reports.Add(await ValidateSignerAsync(id, null, signedData, signer, content, options, cancellationToken).ConfigureAwait(false));
            var counter = 0;
            foreach (var value in signer.Unsigned(CmsOids.CounterSignature).SelectMany(a => a.Values))
            {
                counter++;
                CmsSignerInfo counterSigner;
                try
                {
                    counterSigner = CmsSignerInfo.Read(new AsnReader(value, AsnEncodingRules.BER));
                }
                catch (AsnContentException e)
                {
                    var broken = new SignatureReport { Id = $"{id}-C{counter}", CounterSignatureOf = id };
                    broken.Fail(Indication.TotalFailed, SubIndication.FormatFailure, $"the counter-signature is malformed: {e.Message}");
                    reports.Add(broken);
                    continue;
                }

                // RFC 5652 §11.4: a counter-signature's message-digest covers the counter-signed signature value.
                var covered = SignedContent.FromBytes(signer.Signature);
                reports.Add(await ValidateSignerAsync($"{id}-C{counter}", id, signedData, counterSigner, covered, options, cancellationToken).ConfigureAwait(false));
            }
        }

        return reports;
    }

    /// <summary>
    /// Validates one SignerInfo. Exposed to the PAdES module, which passes the PDF's signed byte ranges as
    /// <paramref name="content"/> and reports the format as PAdES.
    /// </summary>
    internal async Task<SignatureReport> ValidateSignerAsync(string id, string? counterSignatureOf, CmsSignedData cms, CmsSignerInfo signer, SignedContent? content, ValidationOptions options, CancellationToken cancellationToken)
    {
        var report = new SignatureReport { Id = id, CounterSignatureOf = counterSignatureOf };
        var now = options.ValidationTime ?? _time.GetUtcNow();
        var anchors = options.TrustAnchors;
        // Certificates and revocation data from SignedData, CAdES certificate-/revocation-values and the caller (a
        // PDF's DSS): used before any online look-up, so a B-LT/B-LTA signature validates offline.
        var pool = SignerValidationData.Certificates(cms, signer, options);
        var revocationData = SignerValidationData.Revocation(cms, signer, options);
        report.SignatureAlgorithm = SignatureAlgorithmName(signer);

        // 1. Signing certificate (EN 319 102-1 §5.2.3, identification by RFC 5035 signing-certificate-v2).
        var certificate = pool.FirstOrDefault(signer.Identifies);
        if (certificate is null)
        {
            report.Fail(Indication.Indeterminate, SubIndication.NoSigningCertificateFound, "the signing certificate is not in the CMS");
            return report;
        }

        report.Signer = CertificatePaths.Report(certificate, anchors);
        if (signer.SignedAttributesForSignature.IsEmpty)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "the signature has no signed attributes (CAdES requires them)");
            return report;
        }

        IReadOnlyList<CmsAttribute> attributes;
        try
        {
            attributes = signer.SignedAttributes;
        }
        catch (AsnContentException e)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, $"the signed attributes are malformed: {e.Message}");
            return report;
        }

        CheckSigningCertificateAttribute(report, attributes, certificate);
        report.ClaimedSigningTime = ReadSigningTime(attributes);

        // 2. Integrity: message-digest over the content (RFC 5652 §5.4), then the signature value over the attributes.
        var digestAlgorithm = DigestAlgorithm.FromOid(signer.DigestAlgorithmOid);
        var messageDigest = attributes.FirstOrDefault(a => a.Type == CmsOids.MessageDigest);
        if (digestAlgorithm is null)
        {
            report.Fail(Indication.Indeterminate, SubIndication.CryptoConstraintsFailure, $"the digest algorithm {signer.DigestAlgorithmOid} is not accepted");
        }
        else if (messageDigest is null || messageDigest.Values.Count != 1)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "the message-digest attribute is missing");
        }
        else if (counterSignatureOf is null && !attributes.Any(a => a.Type == CmsOids.ContentType))
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "the content-type attribute is missing");
        }
        else if (content is null)
        {
            report.Fail(Indication.Indeterminate, SubIndication.SignedDataNotFound, "the signature is detached and the signed content was not given");
        }
        else
        {
            var actual = await content.DigestAsync(digestAlgorithm, cancellationToken).ConfigureAwait(false);
            var expected = new AsnReader(messageDigest.Values[0], AsnEncodingRules.BER).ReadOctetString();
            if (actual is null)
            {
                report.Fail(Indication.Indeterminate, SubIndication.SignedDataNotFound, $"the content's {digestAlgorithm.Name} digest is not available");
            }
            else if (!CryptographicOperations.FixedTimeEquals(actual, expected))
            {
                report.Fail(Indication.TotalFailed, SubIndication.HashFailure, "the content does not match the signed message digest (content altered or wrong content)");
            }
        }

        if (!CmsSignatureVerifier.Verify(certificate.RawData, signer.SignatureAlgorithm.Span, signer.SignedAttributesForSignature.Span, signer.Signature.Span))
        {
            report.Fail(Indication.TotalFailed, SubIndication.SigCryptoFailure, "the signature value does not verify with the signing certificate's public key");
        }

        // 3. Timestamps: signature-time-stamp (EN 319 122-1 §5.3) gives proof of existence of the signature.
        var tokenCertificates = new List<X509Certificate2>();
        foreach (var token in signer.Unsigned(CmsOids.SignatureTimeStampToken).SelectMany(a => a.Values))
        {
            var timestamp = TimestampVerifier.Verify("SIGNATURE_TIMESTAMP", token, signer.Signature.Span, anchors, pool, out var authority);
            tokenCertificates.AddRange(TokenCertificates(token));
            if (timestamp.Valid && authority is not null && timestamp.GenerationTime is { } tokenTime)
            {
                // EN 319 102-1 §5.4 (time-stamp validation): the TSA's certificate must not be revoked at genTime.
                timestamp = await CheckAuthorityRevocationAsync(timestamp, authority, tokenTime, [.. pool, .. tokenCertificates], revocationData, report, options, now, cancellationToken).ConfigureAwait(false);
            }

            report.Timestamps.Add(timestamp);
            if (timestamp.Valid && timestamp.GenerationTime is { } genTime)
            {
                report.ProvenSigningTime = report.ProvenSigningTime is { } earlier && earlier < genTime ? earlier : genTime;
            }
            else
            {
                report.Fail(Indication.Indeterminate, SubIndication.SigConstraintsFailure, $"a signature timestamp is not valid: {timestamp.Message}");
            }
        }

        var hasArchiveTimestamp = false;
        foreach (var attribute in signer.Unsigned(CmsOids.ArchiveTimeStampV3))
        {
            hasArchiveTimestamp = true;
            foreach (var token in attribute.Values)
            {
                var (timestamp, authority) = await VerifyArchiveTimestampAsync(cms, signer, token, content, anchors, pool, cancellationToken).ConfigureAwait(false);
                if (timestamp.Valid && authority is not null && timestamp.GenerationTime is { } archiveTime)
                {
                    // EN 319 102-1 §5.6.2.3 (validation of a time-stamp used for long-term validation, through §5.4):
                    // the archive TSA's path must not be revoked at the token's time, exactly as for the signature TSA.
                    timestamp = await CheckAuthorityRevocationAsync(timestamp, authority, archiveTime, [.. pool, .. TokenCertificates(token)], revocationData, report, options, now, cancellationToken).ConfigureAwait(false);
                }

                report.Timestamps.Add(timestamp);
                if (!timestamp.Valid)
                {
                    report.Fail(Indication.Indeterminate, SubIndication.SigConstraintsFailure, $"an archive timestamp is not valid: {timestamp.Message}");
                }
            }
        }

        if (report.ProvenSigningTime is { } proven && report.ClaimedSigningTime is { } claimed && claimed > proven + ClockSkew)
        {
            report.Warnings.Add("the claimed signing time is later than the signature timestamp");
        }

        // 4. Path to a trust anchor at the best signature time (EN 319 102-1 §5.2.6 X.509 certificate validation).
        var bestTime = report.ProvenSigningTime ?? now;
        var hasPoe = report.ProvenSigningTime is not null;
        var chain = CertificatePaths.Build(certificate, anchors, pool.Concat(tokenCertificates), bestTime);
        foreach (var element in chain.Certificates)
        {
            report.CertificateChain.Add(CertificatePaths.Report(element, anchors));
        }

        var flags = chain.Flags;
        var pathFound = CertificatePaths.Reaches(chain, anchors) && (flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) == 0;
        if (!pathFound)
        {
            report.Fail(Indication.Indeterminate, SubIndication.NoCertificateChainFound, "no path from the signing certificate to a configured trust anchor (unknown CA)");
        }
        else
        {
            CheckValidityPeriod(report, chain, certificate, bestTime, hasPoe);
            var other = flags & ~(X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested);
            if (other != X509ChainStatusFlags.NoError)
            {
                report.Fail(Indication.Indeterminate, SubIndication.CertificateChainGeneralFailure, $"the certificate path is not valid: {other}");
            }
        }

        // 5. Key usage: a signature (as opposed to an authentication) needs non-repudiation (EN 319 412-2 §4.3.2).
        var keyUsage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (keyUsage is null || (keyUsage.KeyUsages & X509KeyUsageFlags.NonRepudiation) == 0)
        {
            report.Fail(Indication.Indeterminate, SubIndication.ChainConstraintsFailure, "the signing certificate's key usage lacks non-repudiation (contentCommitment)");
        }

        // 6. Revocation of every certificate of the path except the trust anchor, with POE logic (EN 319 102-1 §5.2.6, §5.6.2.4).
        var revocationComplete = pathFound;
        if (pathFound)
        {
            revocationComplete = await CheckRevocationAsync(report, revocationData, chain, hasPoe ? report.ProvenSigningTime : null, options, now, cancellationToken).ConfigureAwait(false);
        }

        // 7. Qualification claims of the signing certificate (EN 319 412-5).
        report.Qualification = Qualify(certificate, report, chain, options);
        report.Format = "CAdES-BASELINE-" + Level(report, hasArchiveTimestamp, revocationComplete);
        return report;
    }

    private static void CheckSigningCertificateAttribute(SignatureReport report, IReadOnlyList<CmsAttribute> attributes, X509Certificate2 certificate)
    {
        var v2 = attributes.FirstOrDefault(a => a.Type == CmsOids.SigningCertificateV2);
        var v1 = attributes.FirstOrDefault(a => a.Type == CmsOids.SigningCertificate);
        if (v2 is null && v1 is null)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "neither signing-certificate-v2 nor signing-certificate is present (CAdES B-B requires one, EN 319 122-1 §5.2.2)");
            return;
        }

        try
        {
            var attribute = v2 ?? v1!;
            var certs = new AsnReader(attribute.Values[0], AsnEncodingRules.BER).ReadSequence().ReadSequence();
            var first = certs.ReadSequence();
            var algorithm = v2 is null ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
            if (v2 is not null && first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var oid = first.ReadSequence().ReadObjectIdentifier();
                algorithm = DigestAlgorithm.FromOid(oid)?.HashName ?? throw new SecurityKitException($"unsupported ESS hash {oid}", "signing-certificate-v2");
            }

            var hash = first.ReadOctetString();
#pragma warning disable CA5350 // RFC 2634 ESSCertID is defined over SHA-1: this reads an existing signature, it chooses nothing.
            var actual = algorithm == HashAlgorithmName.SHA1 ? SHA1.HashData(certificate.RawData) : CryptographicOperations.HashData(algorithm, certificate.RawData);
#pragma warning restore CA5350
            if (!hash.AsSpan().SequenceEqual(actual))
            {
                report.Fail(Indication.Indeterminate, SubIndication.NoSigningCertificateFound, "the signing-certificate attribute names another certificate than the one that signed");
            }

            if (v2 is null)
            {
                report.Warnings.Add("the signer is identified with SHA-1 (signing-certificate v1); signing-certificate-v2 is expected");
            }
        }
        catch (Exception e) when (e is AsnContentException or SecurityKitException or ArgumentOutOfRangeException)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "the signing-certificate attribute is malformed");
        }
    }

    private static DateTimeOffset? ReadSigningTime(IReadOnlyList<CmsAttribute> attributes)
    {
        var attribute = attributes.FirstOrDefault(a => a.Type == CmsOids.SigningTime);
        if (attribute is null || attribute.Values.Count == 0)
        {
            return null;
        }

        try
        {
            var reader = new AsnReader(attribute.Values[0], AsnEncodingRules.BER);
            return reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static void CheckValidityPeriod(SignatureReport report, CertificatePath chain, X509Certificate2 certificate, DateTimeOffset time, bool hasPoe)
    {
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (time < notBefore)
        {
            report.Fail(Indication.TotalFailed, SubIndication.NotYetValid, $"the signing certificate was not yet valid at {time:u}");
        }
        else if (time > notAfter)
        {
            if (hasPoe)
            {
                report.Fail(Indication.TotalFailed, SubIndication.Expired, $"the signing certificate had expired ({notAfter:u}) before the signature's timestamp ({time:u})");
            }
            else
            {
                report.Fail(Indication.Indeterminate, SubIndication.OutOfBoundsNoPoe, $"the signing certificate expired on {notAfter:u} and no timestamp proves the signature is older");
            }
        }

        for (var i = 1; i < chain.Certificates.Count; i++)
        {
            if ((chain.ElementFlags[i] & X509ChainStatusFlags.NotTimeValid) != 0)
            {
                report.Fail(Indication.Indeterminate, SubIndication.OutOfBoundsNoPoe, $"the CA certificate '{chain.Certificates[i].GetNameInfo(X509NameType.SimpleName, false)}' is not valid at {time:u}");
            }
        }
    }

    /// <summary>
    /// Revocation data about <paramref name="certificate"/>: the signature's own or given data first, then online;
    /// data older than the policy's maximum age before <paramref name="controlTime"/> is passed over
    /// (EN 319 102-1 §5.2.5.4). Returns the evidence and whether it came from the document, or the reason for none.
    /// </summary>
    private static async Task<(RevocationEvidence? Evidence, bool Embedded, string? Missing)> FindRevocationAsync(
        X509Certificate2 certificate, X509Certificate2 issuer, IReadOnlyList<RevocationData> available, ValidationOptions options, DateTimeOffset controlTime, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fresh = options.MaximumRevocationAge is { } maxAge ? controlTime - maxAge : DateTimeOffset.MinValue;
        var stale = new List<string>();
        var embedded = RevocationData.Find(available.Where(d => IsFresh(d, certificate, issuer, now, fresh, stale)), certificate, issuer, now);
        if (embedded is not null)
        {
            return (embedded, true, null);
        }

        var staleNote = stale.Count > 0 ? $" (embedded data older than the maximum age {options.MaximumRevocationAge} was passed over)" : string.Empty;
        if (options.OnlineRevocation is null)
        {
            return (null, false, "none embedded and online checking is off" + staleNote);
        }

        var lookup = await options.OnlineRevocation.CheckAsync(certificate, issuer, cancellationToken).ConfigureAwait(false);
        if (lookup.Evidence is null)
        {
            return (null, false, string.Join("; ", lookup.Failures) + staleNote);
        }

        return lookup.Evidence.ThisUpdate < fresh
            ? (null, false, $"the freshest data ({lookup.Evidence.Source}, {lookup.Evidence.ThisUpdate:u}) is older than the maximum age {options.MaximumRevocationAge}")
            : (lookup.Evidence, false, null);
    }

    private static bool IsFresh(RevocationData data, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset now, DateTimeOffset fresh, List<string> stale)
    {
        if (fresh == DateTimeOffset.MinValue)
        {
            return true;
        }

        var evidence = RevocationData.Find([data], certificate, issuer, now);
        if (evidence is not null && evidence.ThisUpdate < fresh)
        {
            stale.Add(data.Origin);
            return false;
        }

        return true;
    }

    // The TSA of a signature timestamp: its path's revocation at the token's time (EN 319 102-1 §5.4.4); revoked
    // before genTime makes the timestamp invalid, no data at all leaves the signature INDETERMINATE/TRY_LATER.
    internal static async Task<TimestampReport> CheckAuthorityRevocationAsync(
        TimestampReport timestamp, X509Certificate2 authority, DateTimeOffset genTime, IReadOnlyList<X509Certificate2> pool, IReadOnlyList<RevocationData> available,
        SignatureReport report, ValidationOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = CertificatePaths.Build(authority, options.TrustAnchors, pool, genTime);
        for (var i = 0; i + 1 < path.Certificates.Count; i++)
        {
            var certificate = path.Certificates[i];
            var name = certificate.GetNameInfo(X509NameType.SimpleName, false);
            var (evidence, _, missing) = await FindRevocationAsync(certificate, path.Certificates[i + 1], available, options, genTime, now, cancellationToken).ConfigureAwait(false);
            if (evidence is null)
            {
                report.Fail(Indication.Indeterminate, SubIndication.TryLater, $"no revocation data for the TSA chain certificate '{name}': {missing}");
                continue;
            }

            report.Revocation.Add(new RevocationReport(name, evidence.Kind.ToString().ToUpperInvariant(), evidence.Source, evidence.Status.ToString().ToLowerInvariant(), evidence.ThisUpdate, evidence.RevocationTime));
            if (evidence.Status == RevocationStatus.Revoked && evidence.RevocationTime is { } revoked && revoked <= genTime)
            {
                return timestamp with { Valid = false, Message = $"the TSA chain certificate '{name}' was revoked on {revoked:u}, before the timestamp's time" };
            }

            if (evidence.Status == RevocationStatus.Unknown)
            {
                report.Fail(Indication.Indeterminate, SubIndication.TryLater, $"the OCSP responder does not know the TSA chain certificate '{name}'");
            }
        }

        return timestamp;
    }

    private static async Task<bool> CheckRevocationAsync(SignatureReport report, IReadOnlyList<RevocationData> available, CertificatePath chain, DateTimeOffset? poe, ValidationOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var embeddedForAll = true;
        for (var i = 0; i + 1 < chain.Certificates.Count; i++)
        {
            var certificate = chain.Certificates[i];
            var issuer = chain.Certificates[i + 1];
            var name = certificate.GetNameInfo(X509NameType.SimpleName, false);
            var isSigner = i == 0;
            var (evidence, embedded, missing) = await FindRevocationAsync(certificate, issuer, available, options, poe ?? now, now, cancellationToken).ConfigureAwait(false);
            embeddedForAll &= embedded;
            if (evidence is null)
            {
                report.Fail(Indication.Indeterminate, SubIndication.TryLater, $"no revocation data for '{name}': {missing}");
                continue;
            }

            report.Revocation.Add(new RevocationReport(name, evidence.Kind.ToString().ToUpperInvariant(), evidence.Source, evidence.Status.ToString().ToLowerInvariant(), evidence.ThisUpdate, evidence.RevocationTime));
            switch (evidence.Status)
            {
                case RevocationStatus.Unknown:
                    report.Fail(Indication.Indeterminate, SubIndication.TryLater, $"the OCSP responder does not know '{name}'");
                    break;
                case RevocationStatus.Revoked when poe is { } proven && proven < evidence.RevocationTime:
                    report.Warnings.Add($"'{name}' was revoked on {evidence.RevocationTime:u}, after the timestamp proves the signature existed ({proven:u})");
                    break;
                case RevocationStatus.Revoked when isSigner && poe is not null:
                    report.Fail(Indication.TotalFailed, SubIndication.Revoked, $"the signing certificate was revoked on {evidence.RevocationTime:u}, before the signature's timestamp");
                    break;
                case RevocationStatus.Revoked when isSigner:
                    report.Fail(Indication.Indeterminate, SubIndication.RevokedNoPoe, $"the signing certificate was revoked on {evidence.RevocationTime:u} and no timestamp proves the signature is older");
                    break;
                case RevocationStatus.Revoked:
                    report.Fail(Indication.Indeterminate, SubIndication.RevokedCaNoPoe, $"the CA certificate '{name}' was revoked on {evidence.RevocationTime:u}");
                    break;
            }
        }

        return embeddedForAll;
    }

    private static async Task<(TimestampReport Report, X509Certificate2? Authority)> VerifyArchiveTimestampAsync(CmsSignedData cms, CmsSignerInfo signer, ReadOnlyMemory<byte> token, SignedContent? content, IReadOnlyCollection<X509Certificate2> anchors, IEnumerable<X509Certificate2> pool, CancellationToken cancellationToken)
    {
        try
        {
            var tokenCms = CmsSignedData.Decode(token);
            var index = tokenCms.SignerInfos.FirstOrDefault()?.Unsigned(CmsOids.AtsHashIndexV3).FirstOrDefault();
            if (index is null || index.Values.Count != 1)
            {
                return (new TimestampReport("ARCHIVE_TIMESTAMP", null, null, false, "the archive timestamp has no ats-hash-index-v3"), null);
            }

            var indexReader = new AsnReader(index.Values[0], AsnEncodingRules.BER).ReadSequence();
            var digest = DigestAlgorithm.Sha256;
            if (indexReader.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence) && indexReader.PeekEncodedValue().Span[2] == 0x06)
            {
                digest = DigestAlgorithm.FromOid(indexReader.ReadSequence().ReadObjectIdentifier()) ?? DigestAlgorithm.Sha256;
            }

            // §5.5.2: every hash in the index must still match an element; elements added later are not covered.
            var present = cms.Certificates.Concat(cms.RevocationInfo).Select(e => Convert.ToHexString(digest.Compute(e.Span)))
                .Concat(signer.UnsignedAttributes.Select(a => Convert.ToHexString(digest.Compute(ArchiveTimestamp.AttributeHashInput(a)))))
                .ToHashSet(StringComparer.Ordinal);
            for (var part = 0; part < 3; part++)
            {
                var hashes = indexReader.ReadSequence();
                while (hashes.HasData)
                {
                    if (!present.Contains(Convert.ToHexString(hashes.ReadOctetString())))
                    {
                        return (new TimestampReport("ARCHIVE_TIMESTAMP", null, null, false, "material the archive timestamp covered was removed or altered"), null);
                    }
                }
            }

            var contentDigest = content is null ? null : await content.DigestAsync(digest, cancellationToken).ConfigureAwait(false);
            if (contentDigest is null)
            {
                return (new TimestampReport("ARCHIVE_TIMESTAMP", null, null, false, "the signed content is needed to check the archive timestamp"), null);
            }

            var input = ArchiveTimestamp.ImprintInput(cms, signer, contentDigest, index.Values[0].Span);
            var verified = TimestampVerifier.Verify("ARCHIVE_TIMESTAMP", token, input, anchors, pool, out var authority);
            return (verified, authority);
        }
        catch (Exception e) when (e is AsnContentException or SecurityKitException)
        {
            return (new TimestampReport("ARCHIVE_TIMESTAMP", null, null, false, $"the archive timestamp is malformed: {e.Message}"), null);
        }
    }

    private static List<X509Certificate2> TokenCertificates(ReadOnlyMemory<byte> token)
    {
        try
        {
            return CmsSignedData.Decode(token).Certificates.Select(IssuerChain.TryLoad).OfType<X509Certificate2>().ToList();
        }
        catch (SecurityKitException)
        {
            return [];
        }
    }

    private static string Level(SignatureReport report, bool hasArchiveTimestamp, bool revocationEmbedded)
    {
        var timestamped = report.Timestamps.Any(t => t.Type == "SIGNATURE_TIMESTAMP" && t.Valid);
        if (!timestamped)
        {
            return "B";
        }

        if (!revocationEmbedded)
        {
            return "T";
        }

        return hasArchiveTimestamp && report.Timestamps.Where(t => t.Type == "ARCHIVE_TIMESTAMP").All(t => t.Valid) ? "LTA" : "LT";
    }

    private static QualificationReport Qualify(X509Certificate2 certificate, SignatureReport report, CertificatePath chain, ValidationOptions options)
    {
        QcStatements statements;
        try
        {
            statements = QcStatements.Read(certificate);
        }
        catch (SecurityKitException e)
        {
            report.Warnings.Add(e.Message);
            statements = QcStatements.None;
        }

        // EN 319 412-5 §4.2.3: without QcType, a qualified certificate is for electronic signatures.
        var seal = statements.QcTypes.Contains("eseal");
        var conclusion = (statements.QcCompliance, statements.QcSscd, seal) switch
        {
            (true, true, false) => "QESig",
            (true, true, true) => "QESeal",
            (true, false, false) => "AdESig-QC",
            (true, false, true) => "AdESeal-QC",
            _ => "AdES",
        };
        if (options.QualifiedCertificateIssuers is not { } listed)
        {
            return new QualificationReport(statements.QcCompliance, statements.QcSscd, statements.QcTypes, statements.Semantics, conclusion,
                "from the signing certificate's QC statements only; no EU trusted list was consulted, so the qualified status of the issuer is not confirmed");
        }

        // ETSI TS 119 615: a qualified certificate needs its issuer listed as an active CA/QC service.
        var issuerListed = chain.Certificates.Skip(1).Any(c => listed.Any(l => l.RawDataMemory.Span.SequenceEqual(c.RawDataMemory.Span)));
        return issuerListed
            ? new QualificationReport(statements.QcCompliance, statements.QcSscd, statements.QcTypes, statements.Semantics, conclusion,
                "QC statements of the signing certificate, issuer listed as an active CA/QC service of the trusted list (current status; list signature not verified)")
            : new QualificationReport(statements.QcCompliance, statements.QcSscd, statements.QcTypes, statements.Semantics, "AdES",
                "the issuer is not an active CA/QC service of the trusted list, so the certificate is not qualified whatever it claims");
    }

    private static string SignatureAlgorithmName(CmsSignerInfo signer)
    {
        try
        {
            var oid = signer.SignatureAlgorithmOid;
            var known = SignatureAlgorithm.All.FirstOrDefault(a => a.Oid == oid && (a.KeyKind != SignatureKeyKind.RsaPss || a.EncodedIdentifier.Span.SequenceEqual(signer.SignatureAlgorithm.Span)));
            return known?.Name ?? (oid == "1.2.840.113549.1.1.1" ? "RSA-PKCS1" : oid);
        }
        catch (AsnContentException)
        {
            return "malformed";
        }
    }
}
