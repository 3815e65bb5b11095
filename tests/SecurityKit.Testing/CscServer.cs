using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace SecurityKit.Testing;

/// <summary>
/// A remote signing service on loopback in the shape of the Cloud Signature Consortium API v2 (CSC API v2.0): one
/// credential with an RSA key, a PIN and, optionally, a bearer access token. <c>credentials/info</c> returns the
/// certificate; <c>credentials/authorize</c> returns a SAD bound to the given hashes (numSignatures of them);
/// <c>signatures/signHash</c> signs SHA-256 hashes that SAD covers, once. Records each authorisation's size and the
/// number of signHash calls.
/// </summary>
public sealed class CscServer : IAsyncDisposable
{
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private readonly RSA _key;
    private readonly X509Certificate2? _ownCertificate;
    private readonly Dictionary<string, List<string>> _authorized = [];
    private readonly LoopbackHttpServer _server;
    private int _signHashCalls;

    /// <summary>A service whose credential is a new RSA-2048 key with a self-signed certificate for "Mayor Remote Signer".</summary>
    public CscServer()
        : this(MayorCertificate(), "cred-mayor-1", "4321", "csc-access-token-7f3a")
    {
        _ownCertificate = Certificate;
    }

    /// <summary>A service whose credential is the RSA key of <paramref name="certificate"/>.</summary>
    /// <param name="certificate">The credential's certificate, with its RSA private key (not disposed by the server).</param>
    /// <param name="credentialId">The credential's ID.</param>
    /// <param name="pin">The PIN that authorises signatures.</param>
    /// <param name="accessToken">The bearer token every call must carry, or null to accept calls without one.</param>
    public CscServer(X509Certificate2 certificate, string credentialId, string pin, string? accessToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Certificate = certificate;
        _key = certificate.GetRSAPrivateKey() ?? throw new ArgumentException("the credential's certificate has no RSA private key", nameof(certificate));
        CredentialId = credentialId;
        Pin = pin;
        AccessToken = accessToken;
        _server = new LoopbackHttpServer("csc/v2/", AnswerAsync);
    }

    /// <summary>The service's base URL (…/csc/v2/).</summary>
    public Uri BaseUrl => _server.BaseUrl;

    /// <summary>The credential's certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The credential's ID.</summary>
    public string CredentialId { get; }

    /// <summary>The PIN that authorises signatures.</summary>
    public string Pin { get; }

    /// <summary>The bearer token every call must carry (null: none needed).</summary>
    public string? AccessToken { get; }

    /// <summary>Number of hashes per successful authorisation, in order.</summary>
    public List<int> Authorizations { get; } = [];

    /// <summary>Number of signatures/signHash calls, successful or not.</summary>
    public int SignHashCalls => Volatile.Read(ref _signHashCalls);

    /// <summary>Stops the service.</summary>
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
        _ownCertificate?.Dispose();
    }

    private static X509Certificate2 MayorCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Mayor Remote Signer, O=Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static List<string> Hashes(JsonElement request) =>
        [.. request.GetProperty("hashes").EnumerateArray().Select(h => h.GetString()!)];

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.InputStream).ConfigureAwait(false);
        var path = context.Request.Url!.AbsolutePath;
        var (status, body) = AccessToken is not null && context.Request.Headers["Authorization"] != "Bearer " + AccessToken ? (401, "{\"error\":\"invalid_token\"}")
            : path.EndsWith("credentials/info", StringComparison.Ordinal) ? Info(request.RootElement)
            : path.EndsWith("credentials/authorize", StringComparison.Ordinal) ? Authorize(request.RootElement)
            : path.EndsWith("signatures/signHash", StringComparison.Ordinal) ? SignHash(request.RootElement)
            : (404, "{\"error\":\"invalid_request\"}");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(body)).ConfigureAwait(false);
        context.Response.Close();
    }

    private (int, string) Info(JsonElement request) =>
        request.GetProperty("credentialID").GetString() == CredentialId
            ? (200, JsonSerializer.Serialize(new { cert = new { certificates = new[] { Convert.ToBase64String(Certificate.RawData) } } }))
            : (400, "{\"error\":\"invalid_request\",\"error_description\":\"unknown credential\"}");

    private (int, string) Authorize(JsonElement request)
    {
        // A list, not a set: identical documents signed in one session have identical hashes.
        var hashes = Hashes(request);
        if (request.GetProperty("credentialID").GetString() != CredentialId || !request.TryGetProperty("PIN", out var pin) || pin.GetString() != Pin
            || request.GetProperty("numSignatures").GetInt32() != hashes.Count)
        {
            return (400, "{\"error\":\"invalid_request\",\"error_description\":\"invalid PIN\"}");
        }

        lock (_authorized)
        {
            Authorizations.Add(hashes.Count);
            var sad = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _authorized[sad] = hashes;
            return (200, JsonSerializer.Serialize(new Dictionary<string, object> { ["SAD"] = sad, ["expiresIn"] = 300 }));
        }
    }

    private (int, string) SignHash(JsonElement request)
    {
        Interlocked.Increment(ref _signHashCalls);
        var hashes = Hashes(request);
        List<string>? allowed;
        lock (_authorized)
        {
            if (!_authorized.Remove(request.GetProperty("SAD").GetString()!, out allowed))
            {
                return (400, "{\"error\":\"invalid_request\",\"error_description\":\"unknown SAD\"}");
            }
        }

        if (!hashes.Order(StringComparer.Ordinal).SequenceEqual(allowed.Order(StringComparer.Ordinal))
            || request.GetProperty("hashAlgorithmOID").GetString() != Sha256Oid)
        {
            return (400, "{\"error\":\"invalid_request\",\"error_description\":\"SAD does not cover these hashes\"}");
        }

        var signatures = hashes.Select(h => Convert.ToBase64String(_key.SignHash(Convert.FromBase64String(h), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))).ToList();
        return (200, JsonSerializer.Serialize(new Dictionary<string, object> { ["signatures"] = signatures }));
    }
}
