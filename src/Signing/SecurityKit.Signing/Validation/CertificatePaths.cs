using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Validation;

/// <summary>
/// Path building and validation to configured trust anchors (RFC 5280 §6) with the platform's chain engine, with
/// revocation switched off (this library checks revocation itself, with POE logic) and no network downloads.
/// </summary>
internal static class CertificatePaths
{
    public static X509Chain Build(X509Certificate2 certificate, IEnumerable<X509Certificate2> anchors, IEnumerable<X509Certificate2> extra, DateTimeOffset time)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors.ToArray());
        chain.ChainPolicy.ExtraStore.AddRange(extra.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = time.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.Build(certificate);
        return chain;
    }

    public static X509ChainStatusFlags Flags(X509Chain chain) =>
        chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);

    public static bool Reaches(X509Chain chain, IEnumerable<X509Certificate2> anchors)
    {
        if (chain.ChainElements.Count == 0)
        {
            return false;
        }

        var top = chain.ChainElements[^1].Certificate;
        return anchors.Any(a => a.RawDataMemory.Span.SequenceEqual(top.RawDataMemory.Span));
    }

    public static CertificateReport Report(X509Certificate2 certificate, IEnumerable<X509Certificate2> anchors) => new(
        certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
        certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true),
        certificate.SerialNumber,
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        anchors.Any(a => a.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)));
}
