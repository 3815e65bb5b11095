using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using System.Xml.Linq;

namespace SecurityKit.Signing.Validation;

/// <summary>
/// The trust services of an EU trusted list file (ETSI TS 119 612) given locally: the certificates of services with
/// status <c>granted</c> (or the pre-eIDAS <c>undersupervision</c>/<c>accredited</c>) become trust anchors, and those of
/// type CA/QC mark issuers of qualified certificates.
/// </summary>
/// <remarks>
/// The list's own XAdES signature is NOT verified here: the file must come from a trusted channel (the LOTL and the
/// member state's signing certificates are out of scope). History (<c>ServiceHistory</c>) is not used: the current
/// status is applied at every validation time.
/// </remarks>
public sealed class TrustedList
{
    private const string Namespace = "http://uri.etsi.org/02231/v2#";
    private const string CaQc = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC";

    private static readonly string[] ActiveStatuses =
    [
        "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted",
        "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/recognisedatnationallevel",
        "http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/undersupervision",
        "http://uri.etsi.org/TrstSvc/eSigDir-1999-93-EC-TrustedList/Svcstatus/accredited",
    ];

    private TrustedList(IReadOnlyList<X509Certificate2> anchors, IReadOnlyList<X509Certificate2> qualifiedCas)
    {
        TrustAnchors = anchors;
        QualifiedCertificateIssuers = qualifiedCas;
    }

    /// <summary>Certificates of every active service (CA/QC, CA/PKC, TSA/QTST, …).</summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors { get; }

    /// <summary>Certificates of active CA/QC services: issuers of qualified certificates.</summary>
    public IReadOnlyList<X509Certificate2> QualifiedCertificateIssuers { get; }

    /// <summary>Reads a trusted list XML file.</summary>
    /// <exception cref="SecurityKitException">The file is not a trusted list or lists no usable service.</exception>
    public static TrustedList Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Load(stream, Path.GetFileName(path));
    }

    /// <summary>Reads a trusted list from a stream.</summary>
    /// <exception cref="SecurityKitException">The input is not a trusted list or lists no usable service.</exception>
    public static TrustedList Load(Stream xml, string location = "trusted list")
    {
        XDocument document;
        try
        {
            // No DTDs and no external resolution: a trusted list never needs them and they are an XXE vector.
            using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new SecurityKitException($"the trusted list is not well-formed XML (line {e.LineNumber})", location, e);
        }

        XNamespace ns = Namespace;
        if (document.Root?.Name != ns + "TrustServiceStatusList")
        {
            throw new SecurityKitException("the XML is not an ETSI TS 119 612 TrustServiceStatusList", location);
        }

        var anchors = new List<X509Certificate2>();
        var qualified = new List<X509Certificate2>();
        foreach (var information in document.Descendants(ns + "ServiceInformation"))
        {
            var status = information.Element(ns + "ServiceStatus")?.Value.Trim();
            if (status is null || !ActiveStatuses.Contains(status))
            {
                continue;
            }

            var type = information.Element(ns + "ServiceTypeIdentifier")?.Value.Trim();
            foreach (var encoded in information.Elements(ns + "ServiceDigitalIdentity").Descendants(ns + "X509Certificate"))
            {
                X509Certificate2 certificate;
                try
                {
                    certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(encoded.Value.Trim()));
                }
                catch (Exception e) when (e is FormatException or CryptographicException)
                {
                    throw new SecurityKitException("a service certificate of the trusted list is not a valid base64 X.509 certificate", $"{location} line {((IXmlLineInfo)encoded).LineNumber}", e);
                }

                anchors.Add(certificate);
                if (type == CaQc)
                {
                    qualified.Add(certificate);
                }
            }
        }

        return anchors.Count == 0
            ? throw new SecurityKitException("the trusted list has no active service with a certificate", location)
            : new TrustedList(anchors, qualified);
    }
}
