using System.Net;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests;

/// <summary>The API host: health, OpenAPI, problem details, security headers.</summary>
public sealed class ApiHostTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory factory;

    public ApiHostTests(ApiFactory factory) => this.factory = factory;

    [Fact]
    public async Task Health_answers_healthy_without_credentials()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_without_credentials()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/pii/replace")]
    [InlineData("/pii/restore")]
    [InlineData("/v1/chat/completions")]
    [InlineData("/signing/validation")]
    [InlineData("/logs/scores")]
    [InlineData("/signing/batches/{batchId}/retry")]
    [InlineData("/signing/batches/{batchId}/signatories/{signatoryId}/rebind")]
    [InlineData("/signing/batches/{batchId}/signatories/{signatoryId}/remote")]
    [InlineData("/signing/batches/{batchId}/signatories/{signatoryId}/seal")]
    public async Task Every_endpoint_is_in_the_OpenAPI_document_as_a_POST(string path)
    {
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        Assert.True(document.RootElement.GetProperty("paths").GetProperty(path).TryGetProperty("post", out _));
    }

    [Fact]
    public async Task The_OpenAPI_document_declares_bearer_and_API_key_schemes()
    {
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("ApiKey").GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Protected_operations_name_their_scope_in_the_OpenAPI_document()
    {
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var security = document.RootElement.GetProperty("paths").GetProperty("/audit/head").GetProperty("get").GetProperty("security");
        Assert.Equal("audit", security[0].GetProperty("Bearer")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_path_is_refused_to_an_anonymous_caller_as_problem_json()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-endpoint", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_path_answers_404_problem_json_without_a_stack_trace_to_a_known_caller()
    {
        using var client = factory.ClientWithApiKey(factory.Credentials.AllScopesKey);

        using var response = await client.GetAsync(new Uri("/no-such-endpoint", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Content-Type-Options", "nosniff")]
    [InlineData("X-Frame-Options", "DENY")]
    [InlineData("Referrer-Policy", "no-referrer")]
    [InlineData("Cache-Control", "no-store")]
    public async Task Every_answer_carries_the_security_header(string header, string value)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/audit/head", UriKind.Relative));

        Assert.Equal(value, string.Join(",", response.Headers.GetValues(header)));
    }

    [Fact]
    public async Task The_content_security_policy_forbids_framing()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HSTS_is_sent_over_HTTPS_outside_development()
    {
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://api.securitykit.test/") });

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }
}
