using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SecurityKit.Signing.Batch;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// The remote signing service (a remote QSCD speaking the Cloud Signature Consortium API v2) that batch signatories
/// with device <c>remote</c> sign with: its address comes from configuration only (<c>Api:Signing:Csc:BaseUrl</c>,
/// ending in <c>/csc/v2/</c>) — callers name a credential, never a server, so the API cannot be pointed at internal
/// addresses (SSRF). Signing itself is the library's <see cref="CscBatchDevice"/> (one <c>credentials/authorize</c>
/// for the session's hashes, then <c>signatures/signHash</c>).
/// </summary>
/// <remarks>
/// The library's device needs the credential's certificate, which CSC v2 §11.5 <c>credentials/info</c> returns; the
/// library does not make that call, so this class does (one POST, the certificate chain as base64 DER).
/// </remarks>
internal sealed class RemoteSigningService(Uri? baseUrl, int maxSignaturesPerAuthorization, IHttpClientFactory httpClients)
{
    public bool IsConfigured => baseUrl is not null;

    public static RemoteSigningService Load(IConfiguration configuration, IHttpClientFactory httpClients)
    {
        var section = configuration.GetSection("Api:Signing:Csc");
        Uri? url = null;
        if (section["BaseUrl"] is { Length: > 0 } text)
        {
            url = Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"
                ? parsed
                : throw new InvalidOperationException("Api:Signing:Csc:BaseUrl must be an absolute http(s) address");
        }

        var max = int.TryParse(section["MaxSignaturesPerAuthorization"], System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1000;
        return new(url, max, httpClients);
    }

    /// <summary>The device for one signing session of <paramref name="credentialId"/>, with the user's access token and PIN.</summary>
    /// <exception cref="SecurityKitException">The service refused or is unreachable, or returned no certificate.</exception>
    public async Task<CscBatchDevice> DeviceAsync(string credentialId, string? accessToken, string? pin, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(nameof(RemoteSigningService));
        var (certificate, chain) = await CertificatesAsync(http, credentialId, accessToken, cancellationToken).ConfigureAwait(false);
        return new CscBatchDevice(
            http,
            new CscBatchDeviceOptions { BaseUrl = baseUrl!, CredentialId = credentialId, AccessToken = accessToken, Pin = pin, MaxSignaturesPerAuthorization = maxSignaturesPerAuthorization },
            certificate,
            chain);
    }

    private async Task<(X509Certificate2 Certificate, List<X509Certificate2> Chain)> CertificatesAsync(HttpClient http, string credentialId, string? accessToken, CancellationToken cancellationToken)
    {
        // CSC v2 §11.5: {"credentialID": …, "certificates": "chain"} → {"cert": {"certificates": [base64 DER, …]}}.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl!, "credentials/info"))
        {
            Content = JsonContent(new Dictionary<string, string> { ["credentialID"] = credentialId, ["certificates"] = "chain" }),
        };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SecurityKitException("the remote signing service cannot be reached", "credentials/info", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new SecurityKitException($"the remote signing service refused (HTTP {(int)response.StatusCode})", "credentials/info");
            }

            try
            {
                using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
                var certificates = document.RootElement.GetProperty("cert").GetProperty("certificates").EnumerateArray()
                    .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.GetString() ?? string.Empty))).ToList();
                return certificates.Count > 0
                    ? (certificates[0], certificates.Skip(1).ToList())
                    : throw new SecurityKitException("the remote signing service returned no certificate for the credential", "credentials/info");
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or System.Security.Cryptography.CryptographicException)
            {
                throw new SecurityKitException("the remote signing service's credential information is not usable", "credentials/info", e);
            }
        }
    }

    private static ByteArrayContent JsonContent(Dictionary<string, string> body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
