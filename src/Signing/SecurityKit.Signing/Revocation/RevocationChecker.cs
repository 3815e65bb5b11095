using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Revocation;

/// <summary>
/// Finds a certificate's revocation status online: its OCSP responders first (fresh, small), then its CRLs. Every
/// failure is kept so that a caller can say exactly what could not be reached.
/// </summary>
public sealed class RevocationChecker
{
    private readonly OcspClient _ocsp;
    private readonly CrlClient _crl;

    /// <summary>Creates a checker over an OCSP and a CRL client.</summary>
    public RevocationChecker(OcspClient ocsp, CrlClient crl)
    {
        ArgumentNullException.ThrowIfNull(ocsp);
        ArgumentNullException.ThrowIfNull(crl);
        _ocsp = ocsp;
        _crl = crl;
    }

    /// <summary>Creates a checker with clients over <paramref name="http"/> sharing one cache (in memory by default).</summary>
    public RevocationChecker(HttpClient http, RevocationCache? cache = null, TimeProvider? timeProvider = null)
    {
        cache ??= new RevocationCache(null, timeProvider);
        _ocsp = new OcspClient(http, cache, timeProvider);
        _crl = new CrlClient(http, cache, timeProvider);
    }

    /// <summary>Asks OCSP, then CRL.</summary>
    /// <returns>The evidence found, or the list of what failed.</returns>
    public async Task<RevocationLookup> CheckAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken = default)
    {
        var failures = new List<string>();
        try
        {
            return new RevocationLookup(await _ocsp.GetStatusAsync(certificate, issuer, cancellationToken).ConfigureAwait(false), failures);
        }
        catch (RevocationException e)
        {
            failures.Add($"OCSP: {e.Message}");
        }

        try
        {
            return new RevocationLookup(await _crl.GetStatusAsync(certificate, issuer, cancellationToken).ConfigureAwait(false), failures);
        }
        catch (RevocationException e)
        {
            failures.Add($"CRL: {e.Message}");
        }

        return new RevocationLookup(null, failures);
    }
}
