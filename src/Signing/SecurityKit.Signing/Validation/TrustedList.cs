using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;

namespace SecurityKit.Signing.Validation;

/// <summary>
/// The trust services of an EU trusted list file (ETSI TS 119 612) given locally: the certificates of services with
/// status <c>granted</c> (or the pre-eIDAS <c>undersupervision</c>/<c>accredited</c>) become trust anchors, and those of
/// type CA/QC mark issuers of qualified certificates.
/// </summary>
/// <remarks>
/// With <c>signers</c> (the list operator's signing certificates, as published in the EU list of trusted lists or the
/// Official Journal), the list's enveloped XML signature (ETSI TS 119 612 §5.7.1, XAdES over the whole document) is
/// verified before anything is read: one reference over the whole document (<c>URI=""</c>, enveloped-signature
/// transform) whose digest and signature verify with one of those certificates; otherwise the list is refused.
/// Without signers the signature is not checked and <see cref="SignatureVerified"/> is false (the file must then come
/// from a trusted channel). The XAdES qualifying properties and the signer certificate's own path are not validated.
/// History (<c>ServiceHistory</c>) is not used: the current status is applied at every validation time.
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

    private TrustedList(IReadOnlyList<X509Certificate2> anchors, IReadOnlyList<X509Certificate2> qualifiedCas, X509Certificate2? signer)
    {
        TrustAnchors = anchors;
        QualifiedCertificateIssuers = qualifiedCas;
        Signer = signer;
    }

    /// <summary>Whether the list's XML signature was verified against the given list signer certificates.</summary>
    public bool SignatureVerified => Signer is not null;

    /// <summary>The list signer certificate the signature verified with, when it was checked.</summary>
    public X509Certificate2? Signer { get; }

    /// <summary>Certificates of every active service (CA/QC, CA/PKC, TSA/QTST, …).</summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors { get; }

    /// <summary>Certificates of active CA/QC services: issuers of qualified certificates.</summary>
    public IReadOnlyList<X509Certificate2> QualifiedCertificateIssuers { get; }

    /// <summary>Reads a trusted list XML file.</summary>
    /// <exception cref="SecurityKitException">The file is not a trusted list or lists no usable service.</exception>
    public static TrustedList Load(string path) => Load(path, null);

    /// <summary>Reads a trusted list XML file and, with <paramref name="signers"/>, verifies its signature first.</summary>
    /// <exception cref="SecurityKitException">The file is not a trusted list, lists no usable service, or its signature does not verify.</exception>
    public static TrustedList Load(string path, IReadOnlyCollection<X509Certificate2>? signers)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Load(stream, Path.GetFileName(path), signers);
    }

    /// <summary>Reads a trusted list from a stream.</summary>
    /// <exception cref="SecurityKitException">The input is not a trusted list or lists no usable service.</exception>
    public static TrustedList Load(Stream xml, string location = "trusted list") => Load(xml, location, null);

    /// <summary>Reads a trusted list from a stream and, with <paramref name="signers"/>, verifies its signature first.</summary>
    /// <exception cref="SecurityKitException">The input is not a trusted list, lists no usable service, or its signature does not verify.</exception>
    public static TrustedList Load(Stream xml, string location, IReadOnlyCollection<X509Certificate2>? signers)
    {
        ArgumentNullException.ThrowIfNull(xml);
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            xml.CopyTo(buffer);
            bytes = buffer.ToArray();
        }

        XDocument document;
        X509Certificate2? signer = null;
        try
        {
            // No DTDs and no external resolution: a trusted list never needs them and they are an XXE vector.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            if (signers is not null)
            {
                signer = VerifySignature(bytes, settings, signers, location);
            }

            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
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
            : new TrustedList(anchors, qualified, signer);
    }

    // XML-DSig core validation (W3C XMLDSig §3.2) with the platform's SignedXml, restricted to what TS 119 612
    // §5.7.1 prescribes so that no wrapping is possible: exactly one ds:Signature, a child of the root, with a
    // reference to the whole document; every reference's digest and the signature value must verify.
    private static X509Certificate2 VerifySignature(byte[] bytes, XmlReaderSettings settings, IReadOnlyCollection<X509Certificate2> signers, string location)
    {
        var xml = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings))
        {
            xml.Load(reader);
        }

        var signatures = xml.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        if (signatures.Count != 1 || signatures[0] is not XmlElement element || element.ParentNode != xml.DocumentElement)
        {
            throw new SecurityKitException($"the trusted list must carry exactly one XML signature under its root element (found {signatures.Count})", location);
        }

        var signed = new SignedXml(xml);
        try
        {
            signed.LoadXml(element);
        }
        catch (CryptographicException e)
        {
            throw new SecurityKitException("the trusted list's XML signature is malformed", location, e);
        }

        if (!signed.SignedInfo!.References.OfType<Reference>().Any(r => r.Uri == string.Empty
            && Enumerable.Range(0, r.TransformChain.Count).Any(i => r.TransformChain[i] is XmlDsigEnvelopedSignatureTransform)))
        {
            throw new SecurityKitException("the trusted list's signature does not cover the whole document (no enveloped reference with URI=\"\")", location);
        }

        foreach (var candidate in signers)
        {
            try
            {
                if (signed.CheckSignature(candidate, verifySignatureOnly: true))
                {
                    return candidate;
                }
            }
            catch (CryptographicException)
            {
                // another key type or a malformed reference: try the next certificate
            }
        }

        throw new SecurityKitException("the trusted list's signature does not verify with any of the given list signer certificates (altered list or wrong signer)", location);
    }
}
