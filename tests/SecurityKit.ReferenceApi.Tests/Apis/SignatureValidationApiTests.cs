using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary><c>POST /signing/validation</c>: PDFs sealed by the API validate against its seal; tampering shows.</summary>
public sealed class SignatureValidationApiTests : IDisposable
{
    private static readonly Uri Validation = new("/signing/validation", UriKind.Relative);
    private readonly ApiFactory factory = new(new Dictionary<string, string?>(), "Development");

    public void Dispose() => factory.Dispose();

    private HttpClient Client(string scopes = "sign") => factory.ClientWithToken(factory.Credentials.Token(scopes));

    private async Task<byte[]> SealedPdfAsync()
    {
        using var client = Client();
        var pdf = new ByteArrayContent(SigningApiTests.MinimalPdf());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var response = await client.PostAsync("/signing/pades", pdf);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static MultipartFormDataContent Upload(byte[] document, string name = "document")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(document);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, name, "decision.pdf");
        return form;
    }

    private static JsonElement FirstSignature(string json)
    {
        using var report = JsonDocument.Parse(json);
        return report.RootElement.GetProperty("signatures")[0].Clone();
    }

    [Fact]
    public async Task A_PDF_sealed_by_the_API_validates_as_total_passed()
    {
        var sealedPdf = await SealedPdfAsync();
        using var client = Client();

        using var response = await client.PostAsync(Validation, Upload(sealedPdf));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signature = FirstSignature(await response.Content.ReadAsStringAsync());
        Assert.Equal("TOTAL_PASSED", signature.GetProperty("indication").GetString());
    }

    [Fact]
    public async Task A_sealed_PDF_changed_inside_the_signed_range_fails()
    {
        var sealedPdf = await SealedPdfAsync();
        var page = System.Text.Encoding.ASCII.GetBytes("/MediaBox [0 0 595 842]");
        var at = sealedPdf.AsSpan().IndexOf(page);
        Assert.True(at > 0);
        sealedPdf[at + 15] = (byte)'6'; // 595 → 695 wide: same length, different document
        using var client = Client();

        using var response = await client.PostAsync(Validation, Upload(sealedPdf));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signature = FirstSignature(await response.Content.ReadAsStringAsync());
        Assert.NotEqual("TOTAL_PASSED", signature.GetProperty("indication").GetString());
    }

    [Fact]
    public async Task A_broken_document_is_answered_400_without_a_stack_trace()
    {
        using var client = Client();

        using var response = await client.PostAsync(Validation, Upload("%PDF-1.7 garbage"u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_document_part_is_answered_400()
    {
        using var client = Client();

        using var response = await client.PostAsync(Validation, Upload([1, 2, 3], name: "other"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_answered_415()
    {
        using var client = Client();
        var pdf = new ByteArrayContent(SigningApiTests.MinimalPdf());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        using var response = await client.PostAsync(Validation, pdf);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Validation_without_the_sign_scope_is_refused_with_403()
    {
        using var client = Client("pii");

        using var response = await client.PostAsync(Validation, Upload(SigningApiTests.MinimalPdf()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
