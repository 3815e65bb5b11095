using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary><c>POST /pii/scan</c> through the real pipeline, with every kind of refusal and bad input.</summary>
public sealed class PiiApiTests : IClassFixture<KestrelApiFactory>
{
    private static readonly Uri Scan = new("/pii/scan", UriKind.Relative);
    private const string NationalNumber = "85.07.30-033.28";
    private readonly KestrelApiFactory factory;

    public PiiApiTests(KestrelApiFactory factory) => this.factory = factory;

    private HttpClient Authorized() => factory.ClientWithToken(factory.Credentials.Token("pii"));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task A_national_number_is_found_with_its_offsets_and_type()
    {
        using var client = Authorized();
        var text = $"Rijksregisternummer {NationalNumber}, graag.";

        using var response = await client.PostAsJsonAsync(Scan, new { text });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entity = Assert.Single(body.RootElement.GetProperty("entities").EnumerateArray());
        Assert.Equal("NATIONAL_NUMBER", entity.GetProperty("type").GetString());
        Assert.Equal(NationalNumber, text[entity.GetProperty("start").GetInt32()..entity.GetProperty("end").GetInt32()]);
    }

    [Fact]
    public async Task The_audit_log_records_the_scan_by_type_count_without_the_text()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("pii", subject: "scan-auditor"));

        using var response = await client.PostAsJsonAsync(Scan, new { text = $"NN {NationalNumber}" });

        response.EnsureSuccessStatusCode();
        var entry = (await AuditReader.ReadAsync(factory)).Last(e => e.Actor == "jwt:scan-auditor");
        Assert.Equal("pii.scan", entry.Action);
        Assert.Equal("NATIONAL_NUMBER x1", entry.Resource);
        Assert.DoesNotContain(entry.ToString(), s => char.IsDigit(s) && entry.ToString().Contains("85.07", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_anonymous_call_is_refused_with_401()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(Scan, new { text = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Problem(response);
    }

    [Fact]
    public async Task A_token_without_the_pii_scope_is_refused_with_403()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("pseudonymize audit"));

        using var response = await client.PostAsJsonAsync(Scan, new { text = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_refusal_for_a_missing_scope_is_recorded_as_denied()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("audit", subject: "curious-clerk"));

        using var response = await client.PostAsJsonAsync(Scan, new { text = "x" });

        var entry = (await AuditReader.ReadAsync(factory)).Last(e => e.Actor == "jwt:curious-clerk");
        Assert.Equal("pii.scan", entry.Action);
        Assert.Equal("denied", entry.Outcome);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("pii", expires: DateTime.UtcNow.AddHours(-1)));

        using var response = await client.PostAsJsonAsync(Scan, new { text = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_with_401()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("pii", audience: "https://other.example/api"));

        using var response = await client.PostAsJsonAsync(Scan, new { text = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_JSON_is_answered_400_with_where_it_broke_and_without_the_input()
    {
        using var client = Authorized();

        using var response = await client.PostAsync(Scan, Json("""{"text": "85073003328 secret""" ));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem(response);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("85073003328", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_JSON_type_is_answered_400()
    {
        using var client = Authorized();

        using var response = await client.PostAsync(Scan, Json("""{"text": 85073003328}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem(response);
        Assert.DoesNotContain("85073003328", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_text_is_answered_400_naming_the_field()
    {
        using var client = Authorized();

        using var response = await client.PostAsync(Scan, Json("""{"txt": "x"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task An_empty_body_is_answered_400()
    {
        using var client = Authorized();

        using var response = await client.PostAsync(Scan, Json(string.Empty));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Problem(response);
    }

    [Fact]
    public async Task A_wrong_content_type_is_answered_415()
    {
        using var client = Authorized();

        using var response = await client.PostAsync(Scan, new StringContent("""{"text":"x"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await Problem(response);
    }

    [Fact]
    public async Task An_oversized_body_is_answered_413()
    {
        using var client = Authorized();
        var text = new string('a', (int)SecurityKit.ReferenceApi.Apis.PiiApi.MaxScanBodyBytes);

        using var response = await client.PostAsJsonAsync(Scan, new { text });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await Problem(response);
    }

    [Fact]
    public async Task A_deeply_nested_body_is_answered_400()
    {
        using var client = Authorized();
        var json = "{\"text\":\"x\",\"extra\":" + new string('[', 200) + new string(']', 200) + "}";

        using var response = await client.PostAsync(Scan, Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
