using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Revocation;

namespace SecurityKit.Signing.Pdf;

/// <summary>
/// The document security store of a PDF (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1 §5.4.2): its certificates, OCSP
/// responses and CRLs, and where its dictionary was written (to tell which signatures it came after).
/// </summary>
/// <param name="Certificates">The readable certificates of /Certs.</param>
/// <param name="RevocationData">/OCSPs (OCSPResponse DER) and /CRLs (CertificateList DER), unverified.</param>
/// <param name="Offset">The file offset of the DSS object; -1 without a DSS.</param>
internal sealed record PdfDss(IReadOnlyList<X509Certificate2> Certificates, IReadOnlyList<RevocationData> RevocationData, long Offset)
{
    public bool HasRevocationData => RevocationData.Count > 0;

    public static PdfDss Read(PdfDocument document)
    {
        var catalogDss = document.Catalog["DSS"];
        var dss = document.ResolveDictionary(catalogDss);
        if (dss is null)
        {
            return new PdfDss([], [], -1);
        }

        List<byte[]> Streams(string key) =>
            document.Resolve(dss[key]) is PdfArray array
                ? [.. array.Items.Select(document.Resolve).OfType<PdfStream>().Select(s => document.DecodeStream(s, "DSS /" + key))]
                : [];
        var certificates = new List<X509Certificate2>();
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

        var revocation = Streams("OCSPs").Select(o => new RevocationData(RevocationSourceKind.Ocsp, o, "DSS"))
            .Concat(Streams("CRLs").Select(c => new RevocationData(RevocationSourceKind.Crl, c, "DSS")))
            .ToList();
        var offset = catalogDss is PdfReference r && document.LocationOf(r.Number) is { Kind: PdfObjectLocationKind.InFile } l ? l.OffsetOrStream : document.Length;
        return new PdfDss(certificates, revocation, offset);
    }
}
