using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Cms;

namespace SecurityKit.Signing.Validation;

/// <summary>A certificate path, leaf first, with the status flags of each element and of the whole path.</summary>
internal sealed record CertificatePath(IReadOnlyList<X509Certificate2> Certificates, IReadOnlyList<X509ChainStatusFlags> ElementFlags, X509ChainStatusFlags Flags);

/// <summary>
/// Path building and validation to configured trust anchors (RFC 5280 §6) with the platform's chain engine, with
/// revocation switched off (this library checks revocation itself, with POE logic) and no network downloads.
/// </summary>
internal static class CertificatePaths
{
    public static CertificatePath Build(X509Certificate2 certificate, IEnumerable<X509Certificate2> anchors, IEnumerable<X509Certificate2> extra, DateTimeOffset time)
    {
        var anchorList = anchors.ToArray();
        var extraList = extra.ToArray();
        try
        {
            return Platform(certificate, anchorList, extraList, time);
        }
        catch (CryptographicException)
        {
            // OpenSSL 3.0 cannot read an ML-DSA public key and refuses the whole path. The leaf's signature and
            // validity are then checked with BouncyCastle and the platform validates the path from its issuer up.
            var issuer = extraList.Concat(anchorList).FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) && IssuerChain.IsSignedBy(certificate, c));
            if (issuer is null)
            {
                return new CertificatePath([certificate], [X509ChainStatusFlags.PartialChain], X509ChainStatusFlags.PartialChain);
            }

            var upper = Platform(issuer, anchorList, extraList, time);
            var leafFlags = time < certificate.NotBefore.ToUniversalTime() || time > certificate.NotAfter.ToUniversalTime() ? X509ChainStatusFlags.NotTimeValid : X509ChainStatusFlags.NoError;
            return new CertificatePath([certificate, .. upper.Certificates], [leafFlags, .. upper.ElementFlags], upper.Flags | leafFlags);
        }
    }

    private static CertificatePath Platform(X509Certificate2 certificate, X509Certificate2[] anchors, X509Certificate2[] extra, DateTimeOffset time)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = time.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.Build(certificate);
        var elements = chain.ChainElements.Cast<X509ChainElement>().ToArray();
        return new CertificatePath(
            elements.Select(e => e.Certificate).ToArray(),
            elements.Select(e => e.ChainElementStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status)).ToArray(),
            chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status));
    }

    public static bool Reaches(CertificatePath path, IEnumerable<X509Certificate2> anchors)
    {
        if (path.Certificates.Count == 0)
        {
            return false;
        }

        var top = path.Certificates[^1];
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
