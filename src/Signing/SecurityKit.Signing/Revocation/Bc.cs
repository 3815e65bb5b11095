using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Revocation;

/// <summary>Conversions between the platform's certificates and BouncyCastle's.</summary>
internal static class Bc
{
    public static Org.BouncyCastle.X509.X509Certificate Certificate(X509Certificate2 certificate) =>
        new(certificate.RawData);

    public static X509Certificate2 Certificate(Org.BouncyCastle.X509.X509Certificate certificate) =>
        X509CertificateLoader.LoadCertificate(certificate.GetEncoded());

    public static DateTimeOffset Time(DateTime time) =>
        new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
