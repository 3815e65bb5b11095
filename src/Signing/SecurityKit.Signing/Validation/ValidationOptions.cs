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
