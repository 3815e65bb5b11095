using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Cms;

/// <summary>
/// Builds a certificate's issuer chain from a pool of certificates by name and signature (RFC 5280 §6.1 path
/// construction without policy processing); used to collect validation data, where no trust decision is made.
/// </summary>
internal static class IssuerChain
{
    public static List<X509Certificate2> Build(X509Certificate2 certificate, IEnumerable<X509Certificate2> pool)
    {
        var candidates = pool.ToList();
        var chain = new List<X509Certificate2> { certificate };
        var current = certificate;
        while (!IsSelfIssued(current) && chain.Count < 16)
        {
            var issuer = candidates.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData) && IsSignedBy(current, c));
            if (issuer is null || chain.Any(c => c.RawDataMemory.Span.SequenceEqual(issuer.RawDataMemory.Span)))
            {
                break;
            }

            chain.Add(issuer);
            current = issuer;
        }

        return chain;
    }

    public static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            new Org.BouncyCastle.X509.X509Certificate(certificate.RawData).Verify(new Org.BouncyCastle.X509.X509Certificate(issuer.RawData).GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Crypto.CryptoException or ArgumentException or InvalidOperationException or InvalidCastException)
        {
            return false;
        }
    }

    public static X509Certificate2? TryLoad(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(encoded.Span);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
