using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Timestamps;

/// <summary>
/// RFC 3161 client over HTTP (§3.4): a random nonce, an optional policy, certReq, and full verification of the
/// answer (status, imprint, nonce, policy, TSA signature, critical timeStamping EKU of §2.3) before the token is
/// returned. Unreachable TSAs and 5xx answers are retried with exponential backoff; anything else fails at once with
/// a <see cref="TimestampException"/> that says what happened.
/// </summary>
public sealed class HttpTimestampClient : ITimestampClient
{
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";
    private readonly HttpClient _http;
    private readonly TimestampClientOptions _options;

    /// <summary>Creates a client. The <see cref="HttpClient"/> is not disposed by this class.</summary>
    public HttpTimestampClient(HttpClient http, TimestampClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
    }

    /// <summary>Creates a client with a fresh <see cref="HttpClient"/> for <paramref name="url"/>.</summary>
    public HttpTimestampClient(Uri url)
        : this(new HttpClient(), new TimestampClientOptions { Url = url })
    {
    }

    /// <inheritdoc />
    public DigestAlgorithm DigestAlgorithm => _options.DigestAlgorithm;

    private string Where => SafeUrl(_options.Url);

    /// <inheritdoc />
    public async Task<TimestampToken> GetTimestampAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        if (digest.Length != DigestAlgorithm.SizeInBytes)
        {
            throw new ArgumentException($"a {DigestAlgorithm.Name} digest has {DigestAlgorithm.SizeInBytes} bytes", nameof(digest));
        }

        var nonce = RandomNumberGenerator.GetBytes(16);
        nonce[0] &= 0x7F; // positive INTEGER
        nonce[0] |= 0x01; // and minimally encoded
        var request = Rfc3161TimestampRequest.CreateFromHash(
            digest,
            DigestAlgorithm.HashName,
            _options.Policy is null ? null : new Oid(_options.Policy),
            nonce,
            _options.RequestCertificate);
        var answer = await PostWithRetriesAsync(request.Encode(), cancellationToken).ConfigureAwait(false);

        Rfc3161TimestampToken token;
        try
        {
            // Checks the PKIStatus, the message imprint, the nonce and (with certReq) that the certificate came back.
            token = request.ProcessResponse(answer, out var consumed);
            if (consumed != answer.Length)
            {
                throw new TimestampException("the TSA's answer has trailing bytes", Where);
            }
        }
        catch (CryptographicException e)
        {
            throw new TimestampException($"the TSA's answer is not a valid timestamp response for this request: {e.Message}", Where, e);
        }

        if (_options.Policy is not null && token.TokenInfo.PolicyId.Value != _options.Policy)
        {
            throw new TimestampException($"the TSA answered under policy {token.TokenInfo.PolicyId.Value}, not the requested {_options.Policy}", Where);
        }

        if (!token.VerifySignatureForHash(digest.Span, DigestAlgorithm.HashName, out var tsaCertificate, extraCandidates: null) || tsaCertificate is null)
        {
            throw new TimestampException("the timestamp token's signature does not verify with the TSA certificate", Where);
        }

        // RFC 3161 §2.3: the TSA certificate has exactly one EKU, id-kp-timeStamping, marked critical.
        var eku = tsaCertificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null || !eku.Critical || eku.EnhancedKeyUsages.Count != 1 || eku.EnhancedKeyUsages[0].Value != TimeStampingEku)
        {
            throw new TimestampException("the TSA certificate lacks the critical extended key usage id-kp-timeStamping (RFC 3161 §2.3)", Where);
        }

        return new TimestampToken(token.AsSignedCms().Encode(), token.TokenInfo.Timestamp, tsaCertificate, token.TokenInfo.PolicyId.Value!);
    }

    private async Task<byte[]> PostWithRetriesAsync(byte[] query, CancellationToken cancellationToken)
    {
        var delay = _options.InitialBackoff;
        var attempts = Math.Max(1, _options.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            Exception? cause = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            try
            {
                using var content = new ByteArrayContent(query);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
                using var response = await _http.PostAsync(_options.Url, content, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                }

                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.RequestTimeout && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    throw new TimestampException($"the TSA refused the request with HTTP {(int)response.StatusCode}", Where);
                }

                failure = $"the TSA answered HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                failure = $"the TSA cannot be reached ({e.HttpRequestError})";
                cause = e;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"the TSA did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s";
                cause = e;
            }

            if (attempt >= attempts)
            {
                throw new TimestampException($"{failure} after {attempt} attempt(s)", Where, cause);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <summary>A URL without user information (which could hold credentials), for messages.</summary>
    internal static string SafeUrl(Uri url) =>
        url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : url.ToString();
}
