using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary><c>POST /signing/pades</c> with the development seal, checked by poppler's <c>pdfsig</c>.</summary>
public sealed class SigningApiTests : IDisposable
{
    private static readonly Uri Seal = new("/signing/pades", UriKind.Relative);
    private readonly ApiFactory factory = new(new Dictionary<string, string?>(), "Development");

    /// <summary>A one-page PDF without content (PDF 1.7, classic xref), from the shared test generator.</summary>
    internal static byte[] MinimalPdf() => TestPdfDocuments.FromObjects(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ],
        "1.7");

    private static ByteArrayContent Pdf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private HttpClient Client(string scopes) => factory.ClientWithToken(factory.Credentials.Token(scopes));

    [Fact]
    public async Task A_sealed_PDF_has_a_signature_pdfsig_finds_valid()
    {
        using var client = Client("sign");

        using var response = await client.PostAsync(Seal, Pdf(MinimalPdf()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Pdfsig.Valid, await Pdfsig.ReportAsync(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_PDF_is_answered_400_problem_json()
    {
        using var client = Client("sign");

        using var response = await client.PostAsync(Seal, Pdf(Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not really a pdf")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_that_is_not_declared_as_PDF_is_answered_415()
    {
        using var client = Client("sign");

        using var response = await client.PostAsync(Seal, new StringContent("x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_token_without_the_sign_scope_is_refused_with_403()
    {
        using var client = Client("pii");

        using var response = await client.PostAsync(Seal, Pdf(MinimalPdf()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public void Dispose() => factory.Dispose();
}
