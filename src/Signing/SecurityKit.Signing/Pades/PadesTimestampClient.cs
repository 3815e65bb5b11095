using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace SecurityKit.Signing.Pades;

/// <summary>
/// Asks an RFC 3161 time-stamping authority over HTTP (RFC 3161 §3.4) for a token on a digest, with a nonce, and
/// checks the answer with the platform's <see cref="Rfc3161TimestampRequest.ProcessResponse"/> (status, imprint,
/// nonce, token signature). Interim: the shared TSA client of the CAdES work replaces it when it lands.
/// </summary>
internal sealed class PadesTimestampClient(HttpClient http, Uri authority)
{
    private const int MaxResponseLength = 1024 * 1024;

    /// <summary>The DER TimeStampToken (a ContentInfo) for <paramref name="digest"/>.</summary>
    public async Task<byte[]> TimestampDigestAsync(byte[] digest, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken)
    {
        var nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] &= 0x7F; // keep the INTEGER positive
        var request = Rfc3161TimestampRequest.CreateFromHash(digest, digestAlgorithm, requestedPolicyId: null, nonce, requestSignerCertificates: true);
        using var content = new ByteArrayContent(request.Encode());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(authority, content, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SecurityKitException($"the time-stamping authority cannot be reached: {e.Message}", authority.GetLeftPart(UriPartial.Path), e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new SecurityKitException($"the time-stamping authority answered HTTP {(int)response.StatusCode}", authority.GetLeftPart(UriPartial.Path));
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (bytes.Length > MaxResponseLength)
            {
                throw new SecurityKitException("the time-stamping authority's answer is too large", authority.GetLeftPart(UriPartial.Path));
            }

            try
            {
                var token = request.ProcessResponse(bytes, out _);
                return token.AsSignedCms().Encode();
            }
            catch (CryptographicException e)
            {
                throw new SecurityKitException($"the time-stamping authority's answer is not a valid timestamp: {e.Message}", authority.GetLeftPart(UriPartial.Path), e);
            }
        }
    }
}
