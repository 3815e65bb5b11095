using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace SecurityKit.Signing.Revocation;

/// <summary>The OCSP, CRL and CA-issuer URLs a certificate names (RFC 5280 §4.2.1.13, §4.2.2.1).</summary>
public static class CertificateUrls
{
    /// <summary>HTTP(S) URLs of the certificate's OCSP responders (authorityInfoAccess id-ad-ocsp).</summary>
    public static IReadOnlyList<Uri> Ocsp(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var aia = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();
        return aia is null ? [] : HttpOnly(aia.EnumerateOcspUris());
    }

    /// <summary>HTTP(S) URLs of the certificate issuer's certificate (authorityInfoAccess id-ad-caIssuers).</summary>
    public static IReadOnlyList<Uri> CaIssuers(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var aia = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();
        return aia is null ? [] : HttpOnly(aia.EnumerateCAIssuersUris());
    }

    /// <summary>HTTP(S) URLs of the certificate's CRLs (cRLDistributionPoints fullName URIs).</summary>
    public static IReadOnlyList<Uri> Crl(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions["2.5.29.31"];
        if (extension is null)
        {
            return [];
        }

        try
        {
            var points = CrlDistPoint.GetInstance(Asn1Object.FromByteArray(extension.RawData));
            var uris = new List<string>();
            foreach (var point in points.GetDistributionPoints())
            {
                if (point.DistributionPointName?.Name is GeneralNames names)
                {
                    uris.AddRange(names.GetNames().Where(n => n.TagNo == GeneralName.UniformResourceIdentifier).Select(n => n.Name.ToString()!));
                }
            }

            return HttpOnly(uris);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            return [];
        }
    }

    private static Uri[] HttpOnly(IEnumerable<string> uris) =>
        uris.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null)
            .Where(u => u is not null && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps))
            .Select(u => u!)
            .ToArray();
}
