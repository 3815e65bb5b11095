using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Signing.Revocation;

/// <summary>CRL client (RFC 5280 §4.2.1.13 distribution points over HTTP) with a cache keyed by URL.</summary>
public sealed class CrlClient
{
    private readonly HttpClient _http;
    private readonly RevocationCache _cache;
    private readonly TimeProvider _time;

    /// <summary>Creates a client. The <see cref="HttpClient"/> is not disposed by this class.</summary>
    public CrlClient(HttpClient http, RevocationCache? cache = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _cache = cache ?? new RevocationCache();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Time allowed for one download.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest CRL accepted, against a hostile or broken server.</summary>
    public long MaxCrlBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Looks the certificate up in the CRLs it names.</summary>
    /// <exception cref="RevocationException">No distribution point is named, or no CRL could be fetched and verified.</exception>
    public async Task<RevocationEvidence> GetStatusAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        var urls = CertificateUrls.Crl(certificate);
        if (urls.Count == 0)
        {
            throw new RevocationException("the certificate names no CRL distribution point", "cRLDistributionPoints");
        }

        var failures = new List<string>();
        foreach (var url in urls)
        {
            var where = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
            var key = "crl:" + where;
            var now = _time.GetUtcNow();
            try
            {
                if (await _cache.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } cached)
                {
                    var evidence = CrlVerifier.Verify(cached, certificate, issuer, where, now);
                    if (evidence.NextUpdate is null || evidence.NextUpdate > now)
                    {
                        return evidence;
                    }
                }
            }
            catch (RevocationException)
            {
                // Stale or corrupt cache entry: download again.
            }

            try
            {
                var crl = await DownloadAsync(url, where, cancellationToken).ConfigureAwait(false);
                var evidence = CrlVerifier.Verify(crl, certificate, issuer, where, now);
                await _cache.SetAsync(key, crl, evidence.NextUpdate, cancellationToken).ConfigureAwait(false);
                return evidence;
            }
            catch (RevocationException e)
            {
                failures.Add($"{where}: {e.Message}");
            }
        }

        throw new RevocationException("no CRL could be fetched and verified (" + string.Join("; ", failures) + ")", "CRL");
    }

    private async Task<byte[]> DownloadAsync(Uri url, string where, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new RevocationException($"HTTP {(int)response.StatusCode}", where);
            }

            if (response.Content.Headers.ContentLength > MaxCrlBytes)
            {
                throw new RevocationException("the CRL is larger than allowed", where);
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaxCrlBytes)
                    {
                        throw new RevocationException("the CRL is larger than allowed", where);
                    }

                    buffer.Write(chunk, 0, read);
                }

                return buffer.ToArray();
            }
        }
        catch (HttpRequestException e)
        {
            throw new RevocationException($"the CRL server cannot be reached ({e.HttpRequestError})", where, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RevocationException($"the CRL server did not answer within {RequestTimeout.TotalSeconds:0.#} s", where, e);
        }
    }
}
