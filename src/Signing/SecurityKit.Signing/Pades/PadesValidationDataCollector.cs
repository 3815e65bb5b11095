using System.Formats.Asn1;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Ocsp;
using SecurityKit.Signing.Pdf;

namespace SecurityKit.Signing.Pades;

/// <summary>
/// B-LT (ETSI EN 319 142-1 §5.4, ISO 32000-2 §12.8.4.3): gathers the certificates of every signature and signature
/// timestamp in a PDF, fetches an OCSP response (RFC 6960) or else a CRL for each non-root certificate, and appends a
/// document security store with per-signature /VRI entries as a new incremental update. Interim: the shared
/// OCSP/CRL clients of the CAdES work replace the fetching when they land.
/// </summary>
internal sealed class PadesValidationDataCollector(HttpClient http)
{
    private const int MaxResponseLength = 16 * 1024 * 1024;

    public async Task AppendDssAsync(Stream pdf, CancellationToken cancellationToken)
    {
        pdf.Position = 0;
        var document = PdfDocument.Open(pdf);
        var signatures = PdfSignatureInspector.Find(document);
        if (signatures.Count == 0)
        {
            throw new PdfFormatException("the PDF has no signature to extend", "AcroForm");
        }

        var certs = new List<byte[]>();
        var ocsps = new List<byte[]>();
        var crls = new List<byte[]>();
        var vri = new List<(string Key, List<int> Certs, List<int> Ocsps, List<int> Crls)>();
        var fetched = new Dictionary<string, (byte[]? Ocsp, byte[]? Crl)>(StringComparer.Ordinal);
        foreach (var signature in signatures)
        {
            var pool = CertificatesOf(signature.Contents);
#pragma warning disable CA5350 // ISO 32000-2 §12.8.4.4 names SHA-1 for /VRI keys: an identifier, not a security use
            var key = Convert.ToHexString(SHA1.HashData(signature.Contents));
#pragma warning restore CA5350
            var entry = (Key: key, Certs: new List<int>(), Ocsps: new List<int>(), Crls: new List<int>());
            foreach (var certificate in pool)
            {
                entry.Certs.Add(Add(certs, certificate.RawData));
                var issuer = pool.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) && !ReferenceEquals(c, certificate));
                if (issuer is null || certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
                {
                    continue; // a root (trust anchor) or an issuer we do not hold: nothing to ask
                }

                if (!fetched.TryGetValue(certificate.Thumbprint, out var revocation))
                {
                    var ocsp = await TryOcspAsync(certificate, issuer, cancellationToken);
                    var crl = ocsp is null ? await TryCrlAsync(certificate, cancellationToken) : null;
                    revocation = (ocsp, crl);
                    fetched[certificate.Thumbprint] = revocation;
                }

                if (revocation.Ocsp is { } o)
                {
                    entry.Ocsps.Add(Add(ocsps, o));
                    foreach (var responder in OcspResponderCertificates(o))
                    {
                        entry.Certs.Add(Add(certs, responder));
                    }
                }

                if (revocation.Crl is { } c)
                {
                    entry.Crls.Add(Add(crls, c));
                }

                if (revocation.Ocsp is null && revocation.Crl is null)
                {
                    throw new SecurityKitException("no OCSP response or CRL could be obtained for a certificate of the signature", $"certificate {certificate.Subject}");
                }
            }

            vri.Add(entry);
        }

        PdfDssWriter.Append(pdf, document, certs, ocsps, crls, vri);
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

    /// <summary>The certificates in a CMS and in its signature timestamp tokens (or a document timestamp token).</summary>
    private static List<X509Certificate2> CertificatesOf(byte[] contents)
    {
        var result = new List<X509Certificate2>();
        void Collect(byte[] der, int depth)
        {
            var cms = new SignedCms();
            try
            {
                cms.Decode(der);
            }
            catch (CryptographicException)
            {
                return;
            }

            foreach (var certificate in cms.Certificates)
            {
                if (!result.Any(c => c.Thumbprint == certificate.Thumbprint))
                {
                    result.Add(certificate);
                }
            }

            if (depth > 0)
            {
                return;
            }

            foreach (var signer in cms.SignerInfos)
            {
                foreach (var attribute in signer.UnsignedAttributes)
                {
                    if (attribute.Oid.Value == Cms.PadesCmsOids.SignatureTimeStampToken)
                    {
                        foreach (var value in attribute.Values)
                        {
                            Collect(value.RawData, depth + 1);
                        }
                    }
                }
            }
        }

        Collect(contents, 0);
        return result;
    }

    internal async Task<byte[]?> TryOcspAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken)
    {
        var aia = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();
        foreach (var uri in aia?.EnumerateOcspUris() ?? [])
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                continue;
            }

            var generator = new OcspReqGenerator();
            var id = new CertificateID(
                CertificateID.DigestSha1,
                new Org.BouncyCastle.X509.X509Certificate(issuer.RawData),
                new Org.BouncyCastle.Math.BigInteger(1, certificate.SerialNumberBytes.ToArray()));
            generator.AddRequest(id);
            using var content = new ByteArrayContent(generator.Generate().GetEncoded());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            try
            {
                using var response = await http.PostAsync(url, content, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (bytes.Length > MaxResponseLength)
                {
                    continue;
                }

                var parsed = new OcspResp(bytes);
                if (parsed.Status == OcspRespStatus.Successful && parsed.GetResponseObject() is BasicOcspResp)
                {
                    return bytes;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or ArgumentException or InvalidCastException)
            {
                // try the next responder, then the CRL
            }
        }

        return null;
    }

    internal async Task<byte[]?> TryCrlAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var extension = certificate.Extensions["2.5.29.31"];
        if (extension is null)
        {
            return null;
        }

        foreach (var uri in UniformResourceIdentifiers(extension.RawData))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                continue;
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (bytes.Length > MaxResponseLength)
                {
                    continue;
                }

                if (bytes.Length > 0 && bytes[0] == '-')
                {
                    var pem = System.Text.Encoding.ASCII.GetString(bytes);
                    var fields = PemEncoding.Find(pem);
                    bytes = Convert.FromBase64String(pem[fields.Base64Data]);
                }

                _ = new Org.BouncyCastle.X509.X509Crl(Org.BouncyCastle.Asn1.X509.CertificateList.GetInstance(bytes));
                return bytes;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or ArgumentException or FormatException)
            {
                // try the next distribution point
            }
        }

        return null;
    }

    private static IEnumerable<byte[]> OcspResponderCertificates(byte[] ocspResponse)
    {
        if (new OcspResp(ocspResponse).GetResponseObject() is BasicOcspResp basic)
        {
            foreach (var certificate in basic.GetCerts() ?? [])
            {
                yield return certificate.GetEncoded();
            }
        }
    }

    /// <summary>The uniformResourceIdentifier ([6] IA5String) general names anywhere in a DER structure.</summary>
    internal static List<string> UniformResourceIdentifiers(byte[] der)
    {
        var found = new List<string>();
        void Walk(AsnReader reader, int depth)
        {
            while (reader.HasData && depth < 16)
            {
                var tag = reader.PeekTag();
                if (tag.IsConstructed)
                {
                    Walk(reader.ReadSequence(tag), depth + 1);
                }
                else if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 6)
                {
                    found.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else
                {
                    reader.ReadEncodedValue();
                }
            }
        }

        try
        {
            Walk(new AsnReader(der, AsnEncodingRules.DER), 0);
        }
        catch (AsnContentException)
        {
            // a malformed extension gives no URL
        }

        return found;
    }
}
