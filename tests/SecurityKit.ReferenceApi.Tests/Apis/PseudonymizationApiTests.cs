using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary>The pseudonymisation endpoints over the real library, on Kestrel.</summary>
public sealed class PseudonymizationApiTests : IClassFixture<KestrelApiFactory>
{
    private static readonly Uri Forward = new("/pseudonymization/pseudonymize", UriKind.Relative);
    private static readonly Uri Back = new("/pseudonymization/reverse", UriKind.Relative);
    private const string NationalNumber = "85.07.30-033.28";
    private readonly KestrelApiFactory factory;

    public PseudonymizationApiTests(KestrelApiFactory factory) => this.factory = factory;

    private HttpClient Client(string scopes, string subject = "analyst-7") => factory.ClientWithToken(factory.Credentials.Token(scopes, subject: subject));

    private static async Task<string[]> Values(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray();
    }

    [Fact]
    public async Task A_national_number_gets_an_11_digit_pseudonym_that_is_not_the_number()
    {
        using var client = Client("pseudonymize");

        using var response = await client.PostAsJsonAsync(Forward, new { type = "national-number", domain = "study-1", values = new[] { NationalNumber } });

        var pseudonym = Assert.Single(await Values(response));
        Assert.Matches("^[0-9]{11}$", pseudonym);
        Assert.NotEqual("85073003328", pseudonym);
    }

    [Fact]
    public async Task Written_forms_of_one_number_get_one_pseudonym_and_domains_differ()
    {
        using var client = Client("pseudonymize");

        using var a = await client.PostAsJsonAsync(Forward, new { type = "national-number", domain = "study-1", values = new[] { NationalNumber, "85073003328" } });
        using var b = await client.PostAsJsonAsync(Forward, new { type = "national-number", domain = "study-2", values = new[] { NationalNumber } });

        var first = await Values(a);
        Assert.Equal(first[0], first[1]);
        Assert.NotEqual(first[0], (await Values(b))[0]);
    }

    [Fact]
    public async Task Reversing_with_scope_and_purpose_returns_the_number_and_records_the_purpose()
    {
        using var forward = Client("pseudonymize");
        using var made = await forward.PostAsJsonAsync(Forward, new { type = "national-number", domain = "study-1", values = new[] { NationalNumber } });
        var pseudonym = (await Values(made))[0];
        using var reverser = Client("pseudonymize:reverse", subject: "inspector-12");

        using var response = await reverser.PostAsJsonAsync(Back, new { type = "national-number", domain = "study-1", values = new[] { pseudonym }, purpose = "case 2026/118" });

        Assert.Equal("85073003328", (await Values(response))[0]);
        var entry = (await AuditReader.ReadAsync(factory)).Last(e => e.Actor == "jwt:inspector-12");
        Assert.Equal("pseudonymize.reverse", entry.Action);
        Assert.Equal("case 2026/118", entry.Purpose);
        Assert.Contains(pseudonym, entry.Resource, StringComparison.Ordinal);
        Assert.DoesNotContain("85073003328", entry.Resource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reversing_without_a_purpose_is_refused_and_recorded_as_denied()
    {
        using var client = Client("pseudonymize:reverse", subject: "no-purpose");

        using var response = await client.PostAsJsonAsync(Back, new { type = "national-number", domain = "study-1", values = new[] { "43810008952" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("purpose", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = (await AuditReader.ReadAsync(factory)).Last(e => e.Actor == "jwt:no-purpose");
        Assert.Equal("denied", entry.Outcome);
    }

    [Fact]
    public async Task The_forward_scope_does_not_allow_reversing()
    {
        using var client = Client("pseudonymize");

        using var response = await client.PostAsJsonAsync(Back, new { type = "national-number", domain = "study-1", values = new[] { "43810008952" }, purpose = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_with_401()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(Forward, new { });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_identifier_is_answered_400_with_its_index_and_without_its_value()
    {
        using var client = Client("pseudonymize");

        using var response = await client.PostAsJsonAsync(Forward, new { type = "national-number", domain = "d", values = new[] { NationalNumber, "85073003329" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("values[1]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("85073003329", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"passport","domain":"d","values":[]}""", "type")]
    [InlineData("""{"type":"iban","values":[]}""", "domain")]
    [InlineData("""{"type":"iban","domain":"d"}""", "values")]
    public async Task A_missing_or_unknown_field_is_named(string json, string field)
    {
        using var client = Client("pseudonymize");

        using var response = await client.PostAsync(Forward, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Bulk_lines_stream_into_pseudonyms_and_back()
    {
        using var client = Client("pseudonymize pseudonymize:reverse");
        var lines = string.Join('\n', Enumerable.Repeat(NationalNumber, 500)) + "\n";

        using var forward = await client.PostAsync(
            new Uri("/pseudonymization/bulk?type=national-number&domain=bulk", UriKind.Relative), new StringContent(lines, Encoding.UTF8, "text/plain"));
        var pseudonyms = await forward.Content.ReadAsStringAsync();
        using var back = await client.PostAsync(
            new Uri("/pseudonymization/bulk/reverse?type=national-number&domain=bulk&purpose=audit%20sample", UriKind.Relative), new StringContent(pseudonyms, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        Assert.Equal(500, pseudonyms.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All((await back.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Equal("85073003328", l));
    }

    [Fact]
    public async Task Bulk_with_mark_keeps_going_past_an_invalid_line()
    {
        using var client = Client("pseudonymize");

        using var response = await client.PostAsync(
            new Uri("/pseudonymization/bulk?type=national-number&domain=d&onInvalid=mark", UriKind.Relative),
            new StringContent(NationalNumber + "\nnot-a-number\n" + NationalNumber + "\n", Encoding.UTF8, "text/plain"));

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("#INVALID", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_reverse_without_a_purpose_is_refused()
    {
        using var client = Client("pseudonymize:reverse");

        using var response = await client.PostAsync(
            new Uri("/pseudonymization/bulk/reverse?type=national-number&domain=d", UriKind.Relative), new StringContent("43810008952\n", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Bulk_with_JSON_instead_of_lines_is_answered_415()
    {
        using var client = Client("pseudonymize");

        using var response = await client.PostAsync(
            new Uri("/pseudonymization/bulk?type=iban&domain=d", UriKind.Relative), new StringContent("[]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_JSON_body_is_answered_413()
    {
        using var client = Client("pseudonymize");
        var values = Enumerable.Repeat(new string('1', 400), 1000).ToArray();

        using var response = await client.PostAsJsonAsync(Forward, new { type = "iban", domain = "d", values });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
