using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// A remote signing service (a remote QSCD) as a batch device, in the shape of the Cloud Signature Consortium API
/// v2.0: one <c>credentials/authorize</c> call with <c>numSignatures</c> = N and the N hashes (CSC v2 §11.6: the
/// Signature Activation Data then covers exactly those hashes, as SCAL2 requires), then one
/// <c>signatures/signHash</c> call with the SAD for the N hashes (§11.9). One activation for the whole session.
/// </summary>
public sealed class CscBatchDevice : IBatchSigningDevice
{
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    private readonly HttpClient http;
    private readonly CscBatchDeviceOptions options;

    /// <summary>Creates the device.</summary>
    /// <param name="httpClient">Client for the service.</param>
    /// <param name="options">Service and credential.</param>
    /// <param name="certificate">The credential's certificate (from <c>credentials/info</c>).</param>
    /// <param name="chain">Certificates towards a trust anchor.</param>
    public CscBatchDevice(HttpClient httpClient, CscBatchDeviceOptions options, X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        http = httpClient;
        this.options = options;
        Certificate = certificate;
        CertificateChain = chain?.ToArray() ?? [];
        using var ec = certificate.GetECDsaPublicKey();
        Algorithm = ec is null ? SignatureAlgorithm.RsaPkcs1Sha256 : SignatureAlgorithm.EcdsaSha256;
    }

    /// <inheritdoc/>
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc/>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <inheritdoc/>
    public SignatureAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public BatchActivation Activation => BatchActivation.PerSession;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<byte[]>> SignAllAsync(IReadOnlyList<BatchSignatureRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var values = new List<byte[]>(requests.Count);
        foreach (var chunk in requests.Chunk(Math.Max(1, options.MaxSignaturesPerAuthorization)))
        {
            var hashes = chunk.Select(r => Convert.ToBase64String(r.Digest.Span)).ToArray();
            using var authorization = await PostAsync("credentials/authorize", json =>
            {
                json.WriteString("credentialID", options.CredentialId);
                json.WriteNumber("numSignatures", hashes.Length);
                WriteArray(json, "hashes", hashes);
                json.WriteString("hashAlgorithmOID", Sha256Oid);
                if (options.Pin is not null)
                {
                    json.WriteString("PIN", options.Pin);
                }
            }, cancellationToken).ConfigureAwait(false);
            var sad = authorization.RootElement.TryGetProperty("SAD", out var sadElement) && sadElement.ValueKind == JsonValueKind.String
                ? sadElement.GetString()!
                : throw new SecurityKitException("the remote signing service's authorisation has no SAD", "credentials/authorize");

            using var signed = await PostAsync("signatures/signHash", json =>
            {
                json.WriteString("credentialID", options.CredentialId);
                json.WriteString("SAD", sad);
                WriteArray(json, "hashes", hashes);
                json.WriteString("hashAlgorithmOID", Sha256Oid);
                json.WriteString("signAlgo", Algorithm.KeyKind == SignatureKeyKind.Ecdsa ? Algorithm.Oid : "1.2.840.113549.1.1.1");
            }, cancellationToken).ConfigureAwait(false);
            if (!signed.RootElement.TryGetProperty("signatures", out var signatures) || signatures.ValueKind != JsonValueKind.Array || signatures.GetArrayLength() != hashes.Length)
            {
                throw new SecurityKitException($"the remote signing service did not return {hashes.Length} signatures", "signatures/signHash");
            }

            foreach (var signature in signatures.EnumerateArray())
            {
                try
                {
                    values.Add(Convert.FromBase64String(signature.GetString() ?? string.Empty));
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException)
                {
                    throw new SecurityKitException("the remote signing service returned a signature that is not Base64", "signatures/signHash", e);
                }
            }
        }

        return values;
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private async Task<JsonDocument> PostAsync(string path, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUrl, path)) { Content = new ByteArrayContent(buffer.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (options.AccessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SecurityKitException("the remote signing service cannot be reached", path, e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            JsonDocument? document = null;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                // reported below
            }

            if (!response.IsSuccessStatusCode)
            {
                // CSC v2 §10.1 error body: {"error": "...", "error_description": "..."}; the code is safe to show.
                var error = document?.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
                document?.Dispose();
                throw new SecurityKitException($"the remote signing service refused (HTTP {(int)response.StatusCode}{(error is null ? string.Empty : ", " + error)})", path);
            }

            return document ?? throw new SecurityKitException("the remote signing service's answer is not JSON", path);
        }
    }
}
