using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.Revocation;

namespace SecurityKit.Signing.Cades;

/// <summary>
/// Gathers what a B-LT signature must carry (EN 319 122-1 §6.3 table 1, B-LT rows): every certificate of the
/// signer's and the TSAs' chains in <c>SignedData.certificates</c>, and an OCSP response or CRL for each certificate
/// that is not a trust anchor in <c>SignedData.crls</c>. When something cannot be obtained, the error lists exactly
/// which certificate lacks what and why.
/// </summary>
public sealed class ValidationDataCollector
{
    private readonly RevocationChecker _revocation;
    private readonly IReadOnlyList<X509Certificate2> _extraCertificates;
    private readonly TimeProvider _time;

    /// <summary>Creates a collector.</summary>
    /// <param name="revocation">Where revocation data comes from.</param>
    /// <param name="extraCertificates">Certificates to build chains with beyond those in the CMS (e.g. the trust anchors).</param>
    /// <param name="timeProvider">The clock.</param>
    public ValidationDataCollector(RevocationChecker revocation, IEnumerable<X509Certificate2>? extraCertificates = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        _revocation = revocation;
        _extraCertificates = extraCertificates?.ToArray() ?? [];
        _time = timeProvider ?? TimeProvider.System;
    }

    internal async Task AddValidationDataAsync(CmsSignedData cms, CmsSignerInfo signer, CancellationToken cancellationToken)
    {
        var pool = cms.Certificates.Select(IssuerChain.TryLoad).OfType<X509Certificate2>().ToList();
        var targets = new List<(string Role, X509Certificate2 Certificate)>();
        var signerCertificate = pool.FirstOrDefault(signer.Identifies)
            ?? throw new SecurityKitException("the signer's certificate is not in the CMS", "SignedData.certificates");
        targets.Add(("signer", signerCertificate));
        foreach (var token in signer.Unsigned(CmsOids.SignatureTimeStampToken).SelectMany(a => a.Values))
        {
            var tokenCms = CmsSignedData.Decode(token);
            var tokenCertificates = tokenCms.Certificates.Select(IssuerChain.TryLoad).OfType<X509Certificate2>().ToList();
            pool.AddRange(tokenCertificates);
            var tsa = tokenCms.SignerInfos.Count > 0 ? tokenCertificates.FirstOrDefault(tokenCms.SignerInfos[0].Identifies) : null;
            if (tsa is not null)
            {
                targets.Add(("timestamp authority", tsa));
            }
        }

        pool.AddRange(_extraCertificates);
        var missing = new List<string>();
        var now = _time.GetUtcNow();
        foreach (var (role, target) in targets)
        {
            var chain = IssuerChain.Build(target, pool);
            foreach (var certificate in chain)
            {
                AddCertificate(cms, certificate);
            }

            if (!IssuerChain.IsSelfIssued(chain[^1]))
            {
                missing.Add($"the {role} chain stops at '{Name(chain[^1])}': its issuer's certificate is not available");
            }

            for (var i = 0; i + 1 < chain.Count; i++)
            {
                var certificate = chain[i];
                var issuer = chain[i + 1];
                if (EmbeddedRevocation.Find(cms.RevocationInfo, certificate, issuer, now) is not null)
                {
                    continue;
                }

                var lookup = await _revocation.CheckAsync(certificate, issuer, cancellationToken).ConfigureAwait(false);
                if (lookup.Evidence is not { } evidence)
                {
                    missing.Add($"no revocation data for '{Name(certificate)}' ({role} chain): {string.Join("; ", lookup.Failures)}");
                    continue;
                }

                if (evidence.Status == RevocationStatus.Revoked)
                {
                    throw new RevocationException($"'{Name(certificate)}' ({role} chain) is revoked since {evidence.RevocationTime:u}", evidence.Source);
                }

                cms.RevocationInfo.Add(EmbeddedRevocation.Wrap(evidence));
                foreach (var responder in evidence.SignerCertificates)
                {
                    AddCertificate(cms, responder);
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new RevocationException("B-LT needs validation data that could not be obtained: " + string.Join(" | ", missing), "B-LT");
        }
    }

    // The common name only: a full subject may hold a national register number (serialNumber attribute).
    private static string Name(X509Certificate2 certificate) => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    private static void AddCertificate(CmsSignedData cms, X509Certificate2 certificate)
    {
        if (!cms.Certificates.Any(c => c.Span.SequenceEqual(certificate.RawDataMemory.Span)))
        {
            cms.Certificates.Add(certificate.RawDataMemory);
        }
    }
}
