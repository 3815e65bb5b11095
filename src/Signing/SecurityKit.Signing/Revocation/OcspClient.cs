using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;

namespace SecurityKit.Signing.Revocation;

/// <summary>
/// OCSP client (RFC 6960 over HTTP POST, Appendix A.1) with a nonce (RFC 8954) and a cache. Responses are verified
/// before they are returned or cached.
/// </summary>
public sealed class OcspClient
{
    private readonly HttpClient _http;
    private readonly RevocationCache _cache;
    private readonly TimeProvider _time;

    /// <summary>Creates a client. The <see cref="HttpClient"/> is not disposed by this class.</summary>
    public OcspClient(HttpClient http, RevocationCache? cache = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _cache = cache ?? new RevocationCache();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Time allowed for one request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Asks the certificate's OCSP responders (from its AIA) for its status.</summary>
    /// <exception cref="RevocationException">No responder is named, or none gave a valid answer.</exception>
    public async Task<RevocationEvidence> GetStatusAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        var urls = CertificateUrls.Ocsp(certificate);
        if (urls.Count == 0)
        {
            throw new RevocationException("the certificate names no OCSP responder", "authorityInfoAccess");
        }

        var key = "ocsp:" + Convert.ToHexString(SHA256.HashData([.. issuer.RawData, .. certificate.SerialNumberBytes.Span]));
        var now = _time.GetUtcNow();
        if (await _cache.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            try
            {
                var evidence = OcspResponseVerifier.Verify(cached, certificate, issuer, "cache", now);
                if (evidence.NextUpdate is null || evidence.NextUpdate > now)
                {
                    return evidence;
                }
            }
            catch (RevocationException)
            {
                // A stale or corrupt cache entry: ask the responder again.
            }
        }

        var failures = new List<string>();
        foreach (var url in urls)
        {
            try
            {
                var evidence = await QueryAsync(url, certificate, issuer, cancellationToken).ConfigureAwait(false);
                await _cache.SetAsync(key, evidence.Encoded, evidence.NextUpdate, cancellationToken).ConfigureAwait(false);
                return evidence;
            }
            catch (RevocationException e)
            {
                failures.Add($"{Safe(url)}: {e.Message}");
            }
        }

        throw new RevocationException("no OCSP responder gave a valid answer (" + string.Join("; ", failures) + ")", "OCSP");
    }

    private async Task<RevocationEvidence> QueryAsync(Uri url, X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken)
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, Bc.Certificate(issuer), new BigInteger(1, certificate.SerialNumberBytes.ToArray())));
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, new DerOctetString(nonce));
        generator.SetRequestExtensions(extensions.Generate());
        var request = generator.Generate().GetEncoded();

        byte[] answer;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            using var response = await _http.PostAsync(url, content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new RevocationException($"HTTP {(int)response.StatusCode}", Safe(url));
            }

            answer = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RevocationException($"the OCSP responder cannot be reached ({e.HttpRequestError})", Safe(url), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RevocationException($"the OCSP responder did not answer within {RequestTimeout.TotalSeconds:0.#} s", Safe(url), e);
        }

        return OcspResponseVerifier.Verify(answer, certificate, issuer, Safe(url), _time.GetUtcNow(), nonce);
    }

    private static string Safe(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
