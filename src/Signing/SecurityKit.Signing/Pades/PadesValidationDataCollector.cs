using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Cms;
using SecurityKit.Signing.Pdf;
using SecurityKit.Signing.Revocation;

namespace SecurityKit.Signing.Pades;

/// <summary>
/// B-LT (ETSI EN 319 142-1 §5.4, ISO 32000-2 §12.8.4.3): gathers the certificate chains of every signature, of its
/// signature timestamps and of every document timestamp in a PDF, obtains an OCSP response or else a CRL for each
/// non-root certificate through the shared <see cref="RevocationChecker"/> (its cache included; data already in the
/// DSS is reused), and appends a document security store with per-signature /VRI entries as a new incremental update.
/// When something cannot be obtained, the error lists each certificate (common name only) and what failed, as the
/// CAdES collector does.
/// </summary>
internal sealed class PadesValidationDataCollector(RevocationChecker revocation, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public async Task AppendDssAsync(Stream pdf, string? password, CancellationToken cancellationToken)
    {
        pdf.Position = 0;
        var document = PdfDocument.Open(pdf, password);
        var signatures = PdfSignatureInspector.Find(document);
        if (signatures.Count == 0)
        {
            throw new PdfFormatException("the PDF has no signature to extend", "AcroForm");
        }

        var existing = PdfDss.Read(document);
        var certs = new List<byte[]>();
        var ocsps = new List<byte[]>();
        var crls = new List<byte[]>();
        var known = existing.RevocationData.ToList();
        var vri = new List<(string Key, List<int> Certs, List<int> Ocsps, List<int> Crls)>();
        var missing = new List<string>();
        var now = time.GetUtcNow();
        foreach (var signature in signatures)
        {
#pragma warning disable CA5350 // ISO 32000-2 §12.8.4.4 names SHA-1 for /VRI keys: an identifier, not a security use
            var key = Convert.ToHexString(SHA1.HashData(signature.Contents));
#pragma warning restore CA5350
            var entry = (Key: key, Certs: new List<int>(), Ocsps: new List<int>(), Crls: new List<int>());
            var (targets, pool) = SignersOf(signature);
            pool.AddRange(existing.Certificates);
            foreach (var (role, target) in targets)
            {
                var chain = IssuerChain.Build(target, pool);
                foreach (var certificate in chain)
                {
                    entry.Certs.Add(Add(certs, certificate.RawData));
                }

                if (!IssuerChain.IsSelfIssued(chain[^1]))
                {
                    missing.Add($"the {role} chain stops at '{Name(chain[^1])}': its issuer's certificate is not available");
                }

                for (var i = 0; i + 1 < chain.Count; i++)
                {
                    var certificate = chain[i];
                    var issuer = chain[i + 1];
                    var evidence = RevocationData.Find(known, certificate, issuer, now);
                    if (evidence is null)
                    {
                        var lookup = await revocation.CheckAsync(certificate, issuer, cancellationToken).ConfigureAwait(false);
                        if (lookup.Evidence is null)
                        {
                            missing.Add($"no revocation data for '{Name(certificate)}' ({role} chain): {string.Join("; ", lookup.Failures)}");
                            continue;
                        }

                        evidence = lookup.Evidence;
                        known.Add(new RevocationData(evidence.Kind, evidence.Encoded, evidence.Source));
                    }

                    if (evidence.Status == RevocationStatus.Revoked)
                    {
                        throw new RevocationException($"'{Name(certificate)}' ({role} chain) is revoked since {evidence.RevocationTime:u}", evidence.Source);
                    }

                    var encoded = evidence.Encoded.ToArray();
                    if (evidence.Kind == RevocationSourceKind.Ocsp)
                    {
                        entry.Ocsps.Add(Add(ocsps, encoded));
                    }
                    else
                    {
                        entry.Crls.Add(Add(crls, encoded));
                    }

                    foreach (var responder in evidence.SignerCertificates)
                    {
                        entry.Certs.Add(Add(certs, responder.RawData));
                    }
                }
            }

            vri.Add(entry);
        }

        if (missing.Count > 0)
        {
            throw new RevocationException("B-LT needs validation data that could not be obtained: " + string.Join(" | ", missing), "B-LT");
        }

        PdfDssWriter.Append(pdf, document, certs, ocsps, crls, vri);
    }

    /// <summary>
    /// The certificates whose chains a signature needs: the CMS signer and the TSA of each signature timestamp, or
    /// the TSA of a document timestamp; with every certificate the CMS and the tokens carry.
    /// </summary>
    private static (List<(string Role, X509Certificate2 Certificate)> Targets, List<X509Certificate2> Pool) SignersOf(PdfSignatureInfo signature)
    {
        var targets = new List<(string, X509Certificate2)>();
        var pool = new List<X509Certificate2>();
        CmsSignedData cms;
        try
        {
            cms = CmsSignedData.Decode(signature.Der);
        }
        catch (SecurityKitException)
        {
            return (targets, pool); // not ours to repair: the validator reports a malformed signature
        }

        pool.AddRange(cms.Certificates.Select(IssuerChain.TryLoad).OfType<X509Certificate2>());
        var role = signature.IsDocumentTimestamp ? "document timestamp" : "signer";
        foreach (var signer in cms.SignerInfos)
        {
            if (pool.FirstOrDefault(signer.Identifies) is { } certificate)
            {
                targets.Add((role, certificate));
            }

            foreach (var token in signer.Unsigned(CmsOids.SignatureTimeStampToken).SelectMany(a => a.Values))
            {
                try
                {
                    var tokenCms = CmsSignedData.Decode(token);
                    var tokenCertificates = tokenCms.Certificates.Select(IssuerChain.TryLoad).OfType<X509Certificate2>().ToList();
                    pool.AddRange(tokenCertificates);
                    if (tokenCms.SignerInfos.Count > 0 && tokenCertificates.FirstOrDefault(tokenCms.SignerInfos[0].Identifies) is { } tsa)
                    {
                        targets.Add(("timestamp authority", tsa));
                    }
                }
                catch (SecurityKitException)
                {
                    // a malformed token has no chain to complete
                }
            }
        }

        return (targets, pool);
    }

    private static int Add(List<byte[]> list, byte[] item)
    {
        var index = list.FindIndex(i => i.AsSpan().SequenceEqual(item));
        if (index >= 0)
        {
            return index;
        }

        list.Add(item);
        return list.Count - 1;
    }

    // The common name only: a full subject may hold a national register number (serialNumber attribute).
    private static string Name(X509Certificate2 certificate) => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
}
