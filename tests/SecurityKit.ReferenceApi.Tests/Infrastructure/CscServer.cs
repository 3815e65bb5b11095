using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Infrastructure;

/// <summary>
/// A remote signing service on loopback in the shape of the Cloud Signature Consortium API v2: one credential with
/// an RSA key, a bearer access token and a PIN. <c>credentials/info</c> returns the certificate;
/// <c>credentials/authorize</c> returns a SAD bound to the given hashes; <c>signatures/signHash</c> signs only the
/// hashes that SAD covers, once. Records what it received so tests can check that no secret went elsewhere.
/// </summary>
internal sealed class CscServer : IAsyncDisposable
{
    public const string CredentialId = "cred-mayor-1";
    public const string AccessToken = "csc-access-token-7f3a";
    public const string Pin = "4321";
    private readonly HttpListener listener = new();
    private readonly RSA key = RSA.Create(2048);
    private readonly Dictionary<string, List<string>> authorized = [];
    private readonly Task loop;

    public CscServer()
    {
        var request = new CertificateRequest("CN=Mayor Remote Signer, O=Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, true));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/csc/v2/");
        listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Number of hashes per successful authorisation.</summary>
    public List<int> Authorizations { get; } = [];

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        await loop;
        listener.Close();
        Certificate.Dispose();
        key.Dispose();
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var request = await JsonDocument.ParseAsync(context.Request.InputStream);
            var path = context.Request.Url!.AbsolutePath;
            var (status, body) = context.Request.Headers["Authorization"] != "Bearer " + AccessToken ? (401, "{\"error\":\"invalid_token\"}")
                : path.EndsWith("credentials/info", StringComparison.Ordinal) ? Info(request.RootElement)
                : path.EndsWith("credentials/authorize", StringComparison.Ordinal) ? Authorize(request.RootElement)
                : path.EndsWith("signatures/signHash", StringComparison.Ordinal) ? SignHash(request.RootElement)
                : (404, "{\"error\":\"invalid_request\"}");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(body));
            context.Response.Close();
        }
    }

    private (int, string) Info(JsonElement request) =>
        request.GetProperty("credentialID").GetString() == CredentialId
            ? (200, JsonSerializer.Serialize(new { cert = new { certificates = new[] { Convert.ToBase64String(Certificate.RawData) } } }))
            : (400, "{\"error\":\"invalid_request\",\"error_description\":\"unknown credential\"}");

    private (int, string) Authorize(JsonElement request)
    {
        var hashes = request.GetProperty("hashes").EnumerateArray().Select(h => h.GetString()!).ToList();
        if (request.GetProperty("credentialID").GetString() != CredentialId || !request.TryGetProperty("PIN", out var pin) || pin.GetString() != Pin
            || request.GetProperty("numSignatures").GetInt32() != hashes.Count)
        {
            return (400, "{\"error\":\"invalid_pin\"}");
        }

        lock (authorized)
        {
            Authorizations.Add(hashes.Count);
            var sad = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            authorized[sad] = hashes;
            return (200, JsonSerializer.Serialize(new Dictionary<string, object> { ["SAD"] = sad, ["expiresIn"] = 300 }));
        }
    }

    private (int, string) SignHash(JsonElement request)
    {
        var hashes = request.GetProperty("hashes").EnumerateArray().Select(h => h.GetString()!).ToList();
        List<string>? allowed;
        lock (authorized)
        {
            if (!authorized.Remove(request.GetProperty("SAD").GetString()!, out allowed))
            {
                return (400, "{\"error\":\"invalid_request\"}");
            }
        }

        if (!hashes.Order(StringComparer.Ordinal).SequenceEqual(allowed.Order(StringComparer.Ordinal)))
        {
            return (400, "{\"error\":\"invalid_request\"}");
        }

        var signatures = hashes.Select(h => Convert.ToBase64String(key.SignHash(Convert.FromBase64String(h), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))).ToList();
        return (200, JsonSerializer.Serialize(new Dictionary<string, object> { ["signatures"] = signatures }));
    }
}
