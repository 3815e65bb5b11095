using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SecurityKit.Detection.Anomaly.Employers;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary><c>POST /risk/rankings</c>: a data folder upload ranked by the real employer-risk model.</summary>
public sealed class RiskApiTests : IClassFixture<KestrelApiFactory>, IDisposable
{
    private static readonly Uri Rankings = new("/risk/rankings", UriKind.Relative);
    private static readonly string[] Files = ["employers.csv", "declarations.csv", "person_links.csv", "inspections.csv"];
    private readonly KestrelApiFactory factory;
    private readonly TemporaryDirectory folder = new("sk-risk-api");

    public RiskApiTests(KestrelApiFactory factory)
    {
        this.factory = factory;
        EmployerRiskDataGenerator.Generate(new EmployerRiskGeneratorOptions { Employers = 400, Seed = 7, InspectedShare = 0.25 }, folder.Path);
    }

    private MultipartFormDataContent Upload(IEnumerable<string> names)
    {
        var form = new MultipartFormDataContent();
        foreach (var name in names)
        {
            var content = new ByteArrayContent(File.ReadAllBytes(folder.File(name)));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, "files", name);
        }

        return form;
    }

    [Fact]
    public async Task Every_uploaded_employer_is_ranked_once_with_reasons()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("risk"));
        using var form = Upload(Files);

        using var response = await client.PostAsync(Rankings, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var employers = body.RootElement.GetProperty("employers").EnumerateArray().ToList();
        Assert.Equal(400, employers.Count);
        Assert.Equal(Enumerable.Range(1, 400), employers.Select(e => e.GetProperty("rank").GetInt32()));
        Assert.All(employers, e => Assert.InRange(e.GetProperty("risk").GetDouble(), 0, 1));
        Assert.NotEmpty(employers[0].GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task An_upload_missing_a_file_is_answered_400_naming_it()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("risk"));
        using var form = Upload(Files.Take(3));

        using var response = await client.PostAsync(Rankings, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("inspections.csv", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_CSV_is_answered_400_as_problem_json()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("risk"));
        File.WriteAllText(folder.File("employers.csv"), "employer_id,nace_code\n12345,not-a-code\n");
        using var form = Upload(Files);

        using var response = await client.PostAsync(Rankings, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_without_the_risk_scope_is_refused_with_403()
    {
        using var client = factory.ClientWithToken(factory.Credentials.Token("anomaly"));
        using var form = Upload(Files);

        using var response = await client.PostAsync(Rankings, form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public void Dispose() => folder.Dispose();
}
