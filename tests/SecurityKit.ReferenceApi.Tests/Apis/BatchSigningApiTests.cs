using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Signing.Batch;
using SecurityKit.Testing;
using static SecurityKit.ReferenceApi.Tests.Apis.BatchApiCalls;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary>The batch-signing workflow through the real pipeline, with the development seal and an external signer.</summary>
public sealed class BatchSigningApiTests : IDisposable
{
    private readonly ApiFactory factory = new(new Dictionary<string, string?> { ["Api:Signing:Batches:WebhookHosts:0"] = "127.0.0.1" }, "Development");

    public void Dispose() => factory.Dispose();

    private HttpClient Client(string scopes = "sign") => factory.ClientWithToken(factory.Credentials.Token(scopes));

    private static string DocumentStatus(JsonElement status, string document) =>
        Document(status, document).GetProperty("status").GetString()!;

    private static async Task<string> ValidateAsync(HttpClient client, byte[] pdf, X509Certificate2? trust = null)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "document", "signed.pdf");
        if (trust is not null)
        {
            form.Add(new StringContent(trust.ExportCertificatePem()), "trust", "trust.pem");
        }

        using var response = await client.PostAsync("/signing/validation", form);
        var report = await Json(response);
        return report.GetProperty("signatures")[0].GetProperty("indication").GetString()!;
    }

    [Fact]
    public async Task A_batch_sealed_server_side_has_every_document_signed_and_valid()
    {
        using var client = Client();
        await CreateAsync(client, "seal-1", "seal");
        await UploadAsync(client, "seal-1", "d1");
        await UploadAsync(client, "seal-1", "d2");

        using var sealedResponse = await client.PostAsync("/signing/batches/seal-1/signatories/signer/seal", null);

        var status = await Json(sealedResponse);
        Assert.Equal("signed", DocumentStatus(status, "d1"));
        Assert.Equal("signed", DocumentStatus(status, "d2"));
        var pdf = await client.GetByteArrayAsync("/signing/batches/seal-1/documents/d1/signed");
        Assert.Equal("TOTAL_PASSED", await ValidateAsync(client, pdf));
    }

    [Fact]
    public async Task An_external_signer_signs_through_data_to_sign_and_signature_values()
    {
        using var client = Client();
        var (key, certificate) = Signer("External Signer", 3072);
        using var signerKey = key;
        using var signerCertificate = certificate;
        var der = Convert.ToBase64String(certificate.RawData);
        await CreateAsync(client, "ext-1", "external");
        await UploadAsync(client, "ext-1", "d1");

        using var dataResponse = await client.PostAsJsonAsync("/signing/batches/ext-1/signatories/signer/data-to-sign", new { certificate = der });
        var data = await Json(dataResponse);
        var item = Assert.Single(data.GetProperty("items").EnumerateArray());
        // The external device (here: the test) signs the data to sign with its own key.
        var value = key.SignData(Convert.FromBase64String(item.GetProperty("dataToSign").GetString()!), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var submitted = await client.PostAsJsonAsync("/signing/batches/ext-1/signatories/signer/signature-values", new
        {
            certificate = der,
            values = new Dictionary<string, string> { ["d1"] = Convert.ToBase64String(value) },
        });

        Assert.Equal("signed", DocumentStatus(await Json(submitted), "d1"));
        var pdf = await client.GetByteArrayAsync("/signing/batches/ext-1/documents/d1/signed");
        Assert.Equal("TOTAL_PASSED", await ValidateAsync(client, pdf, certificate));
    }

    [Fact]
    public async Task A_registered_webhook_receives_HMAC_signed_events()
    {
        var received = new ConcurrentQueue<(string? Timestamp, string? Signature, byte[] Body)>();
        await using var portal = new LoopbackHttpServer(string.Empty, async context =>
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            received.Enqueue((context.Request.Headers[WebhookBatchEventSink.TimestampHeader], context.Request.Headers[WebhookBatchEventSink.SignatureHeader], body.ToArray()));
            context.Response.StatusCode = 204;
            context.Response.Close();
        });
        using var client = Client();
        await CreateAsync(client, "hook-1", "seal");
        await UploadAsync(client, "hook-1", "d1");
        using var registered = await client.PutAsJsonAsync("/signing/batches/hook-1/webhook", new { url = new Uri(portal.BaseUrl, "events").AbsoluteUri });
        var secret = Convert.FromBase64String((await Json(registered)).GetProperty("secret").GetString()!);

        using var sealedResponse = await client.PostAsync("/signing/batches/hook-1/signatories/signer/seal", null);
        await Json(sealedResponse);
        for (var i = 0; i < 100 && received.IsEmpty; i++)
        {
            await Task.Delay(100);
        }

        await portal.DisposeAsync();
        var (timestamp, signature, body) = Assert.Single(received);
        Assert.True(WebhookBatchEventSink.Verify(secret, timestamp!, body, signature));
        Assert.Contains("hook-1", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://10.0.0.8/events")]
    [InlineData("https://internal.example/events")]
    [InlineData("file:///etc/passwd")]
    public async Task A_webhook_to_a_host_not_allowed_is_refused(string url)
    {
        using var client = Client();
        await CreateAsync(client, "hook-" + Math.Abs(url.GetHashCode(StringComparison.Ordinal)), "seal");

        using var response = await client.PutAsJsonAsync($"/signing/batches/hook-{Math.Abs(url.GetHashCode(StringComparison.Ordinal))}/webhook", new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static (RSA Key, X509Certificate2 Certificate) Signer(string name, int keySize = 2048)
    {
        var key = RSA.Create(keySize);
        var request = new CertificateRequest($"CN={name}, O=Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, true));
        return (key, request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)));
    }

    private static async Task<HttpResponseMessage> SignExternallyAsync(HttpClient client, string batch, RSA key, X509Certificate2 certificate)
    {
        var der = Convert.ToBase64String(certificate.RawData);
        using var dataResponse = await client.PostAsJsonAsync($"/signing/batches/{batch}/signatories/signer/data-to-sign", new { certificate = der });
        var values = (await Json(dataResponse)).GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("document").GetString()!,
            i => Convert.ToBase64String(key.SignData(Convert.FromBase64String(i.GetProperty("dataToSign").GetString()!), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        return await client.PostAsJsonAsync($"/signing/batches/{batch}/signatories/signer/signature-values", new { certificate = der, values });
    }

    /// <summary>
    /// The rebind tests' arrangement: a signatory's card before and after renewal (two RSA keys with self-signed
    /// certificates) and a batch with one external signatory and document d1.
    /// </summary>
    private sealed class CardRenewal : IDisposable
    {
        private CardRenewal()
        {
            (OldKey, OldCertificate) = Signer("Old Card");
            (NewKey, NewCertificate) = Signer("Renewed Card");
        }

        public RSA OldKey { get; }

        public X509Certificate2 OldCertificate { get; }

        public RSA NewKey { get; }

        public X509Certificate2 NewCertificate { get; }

        public static async Task<CardRenewal> ArrangeAsync(HttpClient client, string batch)
        {
            var cards = new CardRenewal();
            try
            {
                await CreateAsync(client, batch, "external");
                await UploadAsync(client, batch, "d1");
                return cards;
            }
            catch
            {
                cards.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            OldKey.Dispose();
            OldCertificate.Dispose();
            NewKey.Dispose();
            NewCertificate.Dispose();
        }
    }

    [Fact]
    public async Task A_signatory_bound_to_one_certificate_is_rebound_to_another_and_signs_with_it()
    {
        using var client = Client();
        using var cards = await CardRenewal.ArrangeAsync(client, "rebind-1");
        using (var bound = await client.PostAsJsonAsync("/signing/batches/rebind-1/signatories/signer/data-to-sign", new { certificate = Convert.ToBase64String(cards.OldCertificate.RawData) }))
        {
            await Json(bound);
        }

        using (var changed = await client.PostAsJsonAsync("/signing/batches/rebind-1/signatories/signer/data-to-sign", new { certificate = Convert.ToBase64String(cards.NewCertificate.RawData) }))
        {
            Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        }

        using var rebound = await client.PostAsJsonAsync("/signing/batches/rebind-1/signatories/signer/rebind", new { certificate = Convert.ToBase64String(cards.NewCertificate.RawData), reason = "card renewed" });
        Assert.True((await Json(rebound)).GetProperty("rebound").GetBoolean());
        using var signed = await SignExternallyAsync(client, "rebind-1", cards.NewKey, cards.NewCertificate);

        Assert.Equal("signed", DocumentStatus(await Json(signed), "d1"));
        var pdf = await client.GetByteArrayAsync("/signing/batches/rebind-1/documents/d1/signed");
        Assert.Equal("TOTAL_PASSED", await ValidateAsync(client, pdf, cards.NewCertificate));
    }

    [Fact]
    public async Task Rebinding_after_documents_were_signed_is_409_unless_they_are_kept()
    {
        using var client = Client();
        using var cards = await CardRenewal.ArrangeAsync(client, "rebind-2");
        using (var signed = await SignExternallyAsync(client, "rebind-2", cards.OldKey, cards.OldCertificate))
        {
            Assert.Equal("signed", DocumentStatus(await Json(signed), "d1"));
        }

        await UploadAsync(client, "rebind-2", "d2");
        var newDer = Convert.ToBase64String(cards.NewCertificate.RawData);

        using var refused = await client.PostAsJsonAsync("/signing/batches/rebind-2/signatories/signer/rebind", new { certificate = newDer, reason = "card renewed" });
        using var kept = await client.PostAsJsonAsync("/signing/batches/rebind-2/signatories/signer/rebind", new { certificate = newDer, reason = "card renewed", keepSignedDocuments = true });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True((await Json(kept)).GetProperty("rebound").GetBoolean());
    }

    [Fact]
    public async Task A_rebind_without_a_reason_is_400()
    {
        using var client = Client();
        await CreateAsync(client, "rebind-3", "external");

        using var response = await client.PostAsJsonAsync("/signing/batches/rebind-3/signatories/signer/rebind", new { certificate = "AAAA" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_failed_document_is_retried_after_its_cause_is_fixed()
    {
        using var client = Client();
        await CreateAsync(client, "retry-1", "seal");
        var broken = new ByteArrayContent("%PDF-1.7\nnot really a PDF"u8.ToArray());
        broken.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using (var uploaded = await client.PutAsync("/signing/batches/retry-1/documents/d1?kind=decision", broken))
        {
            await Json(uploaded);
        }

        using (var first = await client.PostAsync("/signing/batches/retry-1/signatories/signer/seal", null))
        {
            Assert.Equal("failed", DocumentStatus(await Json(first), "d1"));
        }

        // The cause goes away (the portal replaces the file in the batch folder), then the batch is retried.
        await File.WriteAllBytesAsync(Path.Combine(factory.DataDirectory, "batches", "retry-1", "in", "d1"), SigningApiTests.MinimalPdf());
        using var retried = await client.PostAsync("/signing/batches/retry-1/retry", null);
        var retry = await Json(retried);
        using var second = await client.PostAsync("/signing/batches/retry-1/signatories/signer/seal", null);

        Assert.Equal(1, retry.GetProperty("retried").GetInt32());
        Assert.Equal("pending", DocumentStatus(retry.GetProperty("status"), "d1"));
        Assert.Equal("signed", DocumentStatus(await Json(second), "d1"));
    }

    [Fact]
    public async Task Retrying_an_unknown_batch_is_404_problem_json()
    {
        using var client = Client();

        using var response = await client.PostAsync("/signing/batches/no-such-batch/retry", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Retrying_needs_the_sign_scope()
    {
        using var client = Client("pii");

        using var response = await client.PostAsync("/signing/batches/any-batch/retry", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Creating_a_batch_over_an_existing_one_is_refused_and_keeps_its_documents()
    {
        using var client = Client();
        await CreateAsync(client, "dup-1", "seal");
        await UploadAsync(client, "dup-1", "d1");

        using var again = await client.PostAsJsonAsync("/signing/batches", new
        {
            id = "dup-1",
            signatories = new[] { new { id = "other", name = "Other", role = "director", device = "external" } },
            policy = new Dictionary<string, string[]> { ["director"] = ["decision"] },
        });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var status = await Json(await client.GetAsync(new Uri("/signing/batches/dup-1", UriKind.Relative)));
        Assert.Equal("pending", DocumentStatus(status, "d1"));
    }

    [Fact]
    public async Task A_pkcs11_signatory_with_a_key_label_not_configured_is_refused()
    {
        using var client = Client();

        using var response = await client.PostAsJsonAsync("/signing/batches", new
        {
            id = "hsm-unknown",
            signatories = new[] { new { id = "s", name = "S", role = "r", device = "pkcs11", keyLabel = "any-key-in-the-token" } },
            policy = new Dictionary<string, string[]> { ["r"] = ["*"] },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("any-key-in-the-token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_id_that_would_name_a_parent_folder_is_refused()
    {
        using var client = Client();

        using var response = await client.PostAsJsonAsync("/signing/batches", new
        {
            id = "..",
            signatories = new[] { new { id = "s", name = "S", role = "r", device = "seal" } },
            policy = new Dictionary<string, string[]> { ["r"] = ["*"] },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_rejected_document_is_not_signed_and_says_why()
    {
        using var client = Client();
        await CreateAsync(client, "rej-1", "seal");
        await UploadAsync(client, "rej-1", "d1");

        using var rejected = await client.PostAsJsonAsync("/signing/batches/rej-1/documents/d1/rejection", new { signatory = "signer", reason = "amount not approved" });

        var status = await Json(rejected);
        Assert.Equal("rejected", DocumentStatus(status, "d1"));
        using var download = await client.GetAsync("/signing/batches/rej-1/documents/d1/signed");
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
    }

    [Fact]
    public async Task A_document_of_a_kind_nobody_signs_is_refused_and_can_be_uploaded_again_correctly()
    {
        using var client = Client();
        await CreateAsync(client, "kind-1", "seal");
        var pdf = new ByteArrayContent(SigningApiTests.MinimalPdf());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        using var refused = await client.PutAsync("/signing/batches/kind-1/documents/d1?kind=invoice", pdf);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        await UploadAsync(client, "kind-1", "d1");
    }

    [Fact]
    public async Task An_unknown_batch_is_answered_404_problem()
    {
        using var client = Client();

        using var response = await client.GetAsync("/signing/batches/no-such-batch");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_batch_without_signatories_is_answered_400()
    {
        using var client = Client();

        using var response = await client.PostAsJsonAsync("/signing/batches", new { id = "empty", policy = new { director = new[] { "*" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Batch_signing_without_the_sign_scope_is_refused_with_403()
    {
        using var client = Client("pii");

        using var response = await client.GetAsync("/signing/batches/any");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
