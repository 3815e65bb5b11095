using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Validation;

/// <summary>
/// Verifies an RFC 3161 timestamp token against the data it should cover: message imprint, the TSA's signature
/// (with its ESS signing-certificate), the TSA certificate's critical id-kp-timeStamping EKU (RFC 3161 §2.3) and its
/// path to a trust anchor at the token's time. Used for signature, archive and (by PAdES) document timestamps.
/// </summary>
public static class TimestampVerifier
{
    /// <summary>Verifies <paramref name="token"/> over <paramref name="timestampedData"/>.</summary>
    /// <param name="type">The report's type label (SIGNATURE_TIMESTAMP, ARCHIVE_TIMESTAMP, DOCUMENT_TIMESTAMP).</param>
    /// <param name="token">The TimeStampToken (ContentInfo), DER.</param>
    /// <param name="timestampedData">The bytes whose digest must be the message imprint.</param>
    /// <param name="anchors">Trust anchors for the TSA's path.</param>
    /// <param name="extraCertificates">Other certificates that may complete the TSA's path.</param>
    public static TimestampReport Verify(string type, ReadOnlyMemory<byte> token, ReadOnlySpan<byte> timestampedData, IReadOnlyCollection<X509Certificate2> anchors, IEnumerable<X509Certificate2> extraCertificates) =>
        Verify(type, token, timestampedData, anchors, extraCertificates, out _);

    /// <summary>As <see cref="Verify(string, ReadOnlyMemory{byte}, ReadOnlySpan{byte}, IReadOnlyCollection{X509Certificate2}, IEnumerable{X509Certificate2})"/>, with the TSA's certificate.</summary>
    internal static TimestampReport Verify(string type, ReadOnlyMemory<byte> token, ReadOnlySpan<byte> timestampedData, IReadOnlyCollection<X509Certificate2> anchors, IEnumerable<X509Certificate2> extraCertificates, out X509Certificate2? authority) =>
        VerifyImprint(type, token, timestampedData, digestAlgorithm: null, anchors, extraCertificates, out authority);

    /// <summary>Verifies a token whose message imprint must be <paramref name="digest"/> (a PDF document timestamp over its byte range).</summary>
    internal static TimestampReport VerifyDigest(string type, ReadOnlyMemory<byte> token, ReadOnlySpan<byte> digest, HashAlgorithmName digestAlgorithm, IReadOnlyCollection<X509Certificate2> anchors, IEnumerable<X509Certificate2> extraCertificates, out X509Certificate2? authority) =>
        VerifyImprint(type, token, digest, digestAlgorithm, anchors, extraCertificates, out authority);

    /// <summary>
    /// The one verification behind both entry points: <paramref name="covered"/> is the timestamped data itself when
    /// <paramref name="digestAlgorithm"/> is null (the token's own imprint algorithm hashes it), otherwise its digest
    /// under that algorithm. The message imprint and the TSA's signature are checked together (RFC 3161 §2.4.2).
    /// </summary>
    private static TimestampReport VerifyImprint(string type, ReadOnlyMemory<byte> token, ReadOnlySpan<byte> covered, HashAlgorithmName? digestAlgorithm, IReadOnlyCollection<X509Certificate2> anchors, IEnumerable<X509Certificate2> extraCertificates, out X509Certificate2? authority)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(extraCertificates);
        authority = null;
        if (!Rfc3161TimestampToken.TryDecode(token, out var decoded, out _) || decoded is null)
        {
            return new TimestampReport(type, null, null, false, "the timestamp token is malformed");
        }

        var extras = new X509Certificate2Collection(extraCertificates.ToArray());
        X509Certificate2? tsa;
        try
        {
            var verified = digestAlgorithm is { } algorithm
                ? decoded.VerifySignatureForHash(covered, algorithm, out tsa, extras)
                : decoded.VerifySignatureForData(covered, out tsa, extras);
            if (!verified || tsa is null)
            {
                var what = digestAlgorithm is null ? "this signature" : "this data";
                return new TimestampReport(type, decoded.TokenInfo.Timestamp, null, false, $"the timestamp does not cover {what} (message imprint or TSA signature does not verify)");
            }
        }
        catch (CryptographicException e)
        {
            return new TimestampReport(type, decoded.TokenInfo.Timestamp, null, false, $"the timestamp cannot be verified: {e.Message}");
        }

        return Finish(type, decoded, tsa, anchors, extras, out authority);
    }

    private static TimestampReport Finish(string type, Rfc3161TimestampToken decoded, X509Certificate2 tsa, IReadOnlyCollection<X509Certificate2> anchors, X509Certificate2Collection extras, out X509Certificate2? authority)
    {
        authority = null;
        var genTime = decoded.TokenInfo.Timestamp;
        var name = tsa.GetNameInfo(X509NameType.SimpleName, false);
        var eku = tsa.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null || !eku.Critical || eku.EnhancedKeyUsages.Count != 1 || eku.EnhancedKeyUsages[0].Value != "1.3.6.1.5.5.7.3.8")
        {
            return new TimestampReport(type, genTime, name, false, "the TSA certificate lacks the critical extended key usage id-kp-timeStamping");
        }

        var pool = decoded.AsSignedCms().Certificates.Cast<X509Certificate2>().Concat(extras.Cast<X509Certificate2>());
        var path = CertificatePaths.Build(tsa, anchors, pool, genTime);
        if (!CertificatePaths.Reaches(path, anchors) || path.Flags != X509ChainStatusFlags.NoError)
        {
            return new TimestampReport(type, genTime, name, false, "the TSA certificate has no valid path to a trust anchor at the timestamp's time");
        }

        authority = tsa;
        return new TimestampReport(type, genTime, name, true, null);
    }
}
