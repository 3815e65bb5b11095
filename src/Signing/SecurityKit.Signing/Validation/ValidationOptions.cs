using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Revocation;

namespace SecurityKit.Signing.Validation;

/// <summary>What a validation trusts and how it finds revocation data.</summary>
public sealed class ValidationOptions
{
    /// <summary>The trust anchors (root CAs, or the CA certificates of an EU trusted list).</summary>
    public required IReadOnlyCollection<X509Certificate2> TrustAnchors { get; init; }

    /// <summary>The validation time; now when <see langword="null"/>.</summary>
    public DateTimeOffset? ValidationTime { get; init; }

    /// <summary>
    /// Fetches revocation data that the signature does not embed (OCSP, then CRL). When <see langword="null"/>, only
    /// embedded data is used and a signature without it is INDETERMINATE/TRY_LATER.
    /// </summary>
    public RevocationChecker? OnlineRevocation { get; init; }

    /// <summary>
    /// Issuers of qualified certificates according to an EU trusted list (CA/QC services); when set, the
    /// qualification conclusion also requires the signer's path to contain one of them.
    /// </summary>
    public IReadOnlyCollection<X509Certificate2>? QualifiedCertificateIssuers { get; init; }

    /// <summary>
    /// Certificates that may complete paths beyond those in the signature (e.g. from a PDF's DSS, or the
    /// intermediates of a local store). They are never trusted by themselves.
    /// </summary>
    public IReadOnlyCollection<X509Certificate2> AdditionalCertificates { get; init; } = [];

    /// <summary>
    /// DER OCSPResponses (RFC 6960 §4.2.1) to use before any online check (e.g. a PDF's DSS /OCSPs); each is
    /// verified (signer, CertID, freshness) before it counts.
    /// </summary>
    public IReadOnlyCollection<ReadOnlyMemory<byte>> AdditionalOcspResponses { get; init; } = [];

    /// <summary>DER CRLs (RFC 5280 §5.1) to use before any online check (e.g. a PDF's DSS /CRLs); each is verified.</summary>
    public IReadOnlyCollection<ReadOnlyMemory<byte>> AdditionalCrls { get; init; } = [];

    /// <summary>
    /// The validation policy's maximum age of revocation data (EN 319 102-1 §5.2.5.4 revocation freshness): data
    /// issued (thisUpdate) more than this before the control time — the signature's proven time when a timestamp
    /// gives one, else the validation time — is not used; when null, any verified data counts.
    /// </summary>
    public TimeSpan? MaximumRevocationAge { get; init; }

    /// <summary>
    /// The user or owner password of an encrypted PDF (ISO 32000-1 §7.6.3, ISO 32000-2 §7.6.4). When null, an
    /// encrypted PDF is opened with the empty user password, as readers do, and refused if that fails.
    /// </summary>
    public string? PdfPassword { get; init; }

    /// <summary>A copy of these options with more certificates and revocation data (a PDF's DSS).</summary>
    internal ValidationOptions WithValidationData(IEnumerable<X509Certificate2> certificates, IEnumerable<RevocationData> revocation, string origin)
    {
        var items = revocation.ToList();
        return new ValidationOptions
        {
            TrustAnchors = TrustAnchors,
            ValidationTime = ValidationTime,
            OnlineRevocation = OnlineRevocation,
            QualifiedCertificateIssuers = QualifiedCertificateIssuers,
            MaximumRevocationAge = MaximumRevocationAge,
            PdfPassword = PdfPassword,
            AdditionalCertificates = [.. AdditionalCertificates, .. certificates],
            AdditionalOcspResponses = [.. AdditionalOcspResponses, .. items.Where(i => i.Kind == RevocationSourceKind.Ocsp).Select(i => i.Encoded)],
            AdditionalCrls = [.. AdditionalCrls, .. items.Where(i => i.Kind == RevocationSourceKind.Crl).Select(i => i.Encoded)],
            AdditionalDataOrigin = origin,
        };
    }

    /// <summary>Where <see cref="AdditionalOcspResponses"/> and <see cref="AdditionalCrls"/> came from, for reports.</summary>
    internal string AdditionalDataOrigin { get; init; } = "given";

    /// <summary>The caller's revocation data, unverified, labelled with where it came from.</summary>
    internal IEnumerable<RevocationData> GivenRevocationData() =>
        AdditionalOcspResponses.Select(o => new RevocationData(RevocationSourceKind.Ocsp, o, AdditionalDataOrigin))
            .Concat(AdditionalCrls.Select(c => new RevocationData(RevocationSourceKind.Crl, c, AdditionalDataOrigin)));

    /// <summary>Options trusting the active services of an EU trusted list file (ETSI TS 119 612).</summary>
    public static ValidationOptions FromTrustedList(TrustedList list, RevocationChecker? onlineRevocation = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new ValidationOptions
        {
            TrustAnchors = list.TrustAnchors,
            QualifiedCertificateIssuers = list.QualifiedCertificateIssuers,
            OnlineRevocation = onlineRevocation,
        };
    }

    /// <summary>Loads trust anchors from a PEM file with one or more certificates.</summary>
    /// <exception cref="SecurityKitException">The file holds no certificate.</exception>
    public static IReadOnlyCollection<X509Certificate2> LoadTrustAnchors(string pemPath)
    {
        ArgumentNullException.ThrowIfNull(pemPath);
        var collection = new X509Certificate2Collection();
        try
        {
            var text = File.ReadAllText(pemPath);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                collection.ImportFromPem(text);
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificateFromFile(pemPath));
            }
        }
        catch (CryptographicException e)
        {
            throw new SecurityKitException("the trust anchor file holds no readable certificate", Path.GetFileName(pemPath), e);
        }

        return collection.Count == 0
            ? throw new SecurityKitException("the trust anchor file holds no certificate", Path.GetFileName(pemPath))
            : collection.ToArray();
    }
}
