using System.Net;
using System.Text;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary><c>POST /logs/templates</c>: log lines in, the CSV of CONTRACTS.md out.</summary>
public sealed class LogsApiTests : IClassFixture<KestrelApiFactory>
{
    private static readonly Uri Templates = new("/logs/templates", UriKind.Relative);
    private readonly KestrelApiFactory factory;

    public LogsApiTests(KestrelApiFactory factory) => this.factory = factory;

    private static StringContent Lines(params string[] lines) => new(string.Join('\n', lines) + "\n", Encoding.UTF8, "text/plain");

    [Fact]
    public async Task Lines_that_differ_only_in_variables_share_one_template()
    {
        using var client = factory.ClientWithApiKey(factory.Credentials.AllScopesKey);

        using var response = await client.PostAsync(Templates, Lines("Connection from 10.0.0.1 closed", "Connection from 10.0.0.2 closed"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("LineId,EventId,EventTemplate", rows[0]);
        Assert.Equal("1,E1,Connection from <*> closed", rows[1]);
        Assert.Equal("2,E1,Connection from <*> closed", rows[2]);
    }

    [Fact]
    public async Task A_log_format_selects_the_content_field()
    {
        using var client = factory.ClientWithApiKey(factory.Credentials.AllScopesKey);
        var uri = new Uri("/logs/templates?logFormat=" + Uri.EscapeDataString("<Level> <Content>"), UriKind.Relative);

        using var response = await client.PostAsync(uri, Lines("INFO started worker 1", "WARN started worker 2"));

        var rows = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1,E1,started worker <*>", rows[1]);
    }

    [Fact]
    public async Task A_malformed_log_format_is_answered_400_naming_the_parameter()
    {
        using var client = factory.ClientWithApiKey(factory.Credentials.AllScopesKey);
        var uri = new Uri("/logs/templates?logFormat=" + Uri.EscapeDataString("<Date> no content field"), UriKind.Relative);

        using var response = await client.PostAsync(uri, Lines("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("logFormat", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JSON_instead_of_text_is_answered_415()
    {
        using var client = factory.ClientWithApiKey(factory.Credentials.AllScopesKey);

        using var response = await client.PostAsync(Templates, new StringContent("[]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_API_key_without_the_anomaly_scope_is_refused_with_403()
    {
        using var client = factory.ClientWithApiKey(factory.Credentials.AuditOnlyKey);

        using var response = await client.PostAsync(Templates, Lines("x"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
