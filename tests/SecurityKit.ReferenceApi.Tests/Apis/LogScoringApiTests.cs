using System.Net;
using System.Text;
using System.Text.Json;
using SecurityKit.Detection.Anomaly.Logs.Scoring;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary>A model trained with the library on a synthetic baseline, and the API configured with it.</summary>
public sealed class LogModelFixture : IDisposable
{
    private readonly TemporaryDirectory folder = new("sk-log-model");

    public LogModelFixture()
    {
        var options = new LogScoringOptions { Entity = EntityKind.User, TimeFields = ["Time"], LogFormat = "<Time> <Content>" };
        var catalog = new TemplateCatalog();
        var reader = new LogEventReader(options, catalog);
        var aggregator = new WindowAggregator(options);
        var windows = new List<EventWindow>();
        using (var baseline = new StringReader(Baseline(3000)))
        {
            foreach (var e in reader.Read(baseline))
            {
                windows.AddRange(aggregator.Add(e));
            }
        }

        windows.AddRange(aggregator.Flush());
        var path = folder.File("model.zip");
        LogAnomalyModel.Train(catalog.Templates(), windows, options).Save(path);
        Api = new ApiFactory(new Dictionary<string, string?> { ["Api:Logs:ModelFile"] = path });
    }

    public ApiFactory Api { get; }

    /// <summary>Usual traffic of 20 users: logins and document reads, one line every 20 s from a fixed epoch.</summary>
    public static string Baseline(int lines, long startSeconds = 1_772_442_000)
    {
        var random = new Random(3);
        var text = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            var user = "user" + (i % 20);
            var content = i % 3 == 0 ? $"login ok user={user} from 10.0.0.{i % 20}" : $"read document {random.Next(1000)} user={user}";
            text.Append(startSeconds + (i * 20)).Append(' ').Append(content).Append('\n');
        }

        return text.ToString();
    }

    public void Dispose()
    {
        Api.Dispose();
        folder.Dispose();
    }
}

/// <summary><c>POST /logs/scores</c> through the real pipeline with a real trained model.</summary>
public sealed class LogScoringApiTests : IClassFixture<LogModelFixture>
{
    private static readonly Uri Scores = new("/logs/scores", UriKind.Relative);
    private readonly LogModelFixture fixture;

    public LogScoringApiTests(LogModelFixture fixture) => this.fixture = fixture;

    private HttpClient Client(string scopes = "anomaly") => fixture.Api.ClientWithToken(fixture.Api.Credentials.Token(scopes));

    private static StringContent Lines(string text) => new(text, Encoding.UTF8, "text/plain");

    private static List<JsonElement> Windows(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task Usual_traffic_gets_one_scored_window_per_user_and_period()
    {
        using var client = Client();

        using var response = await client.PostAsync(Scores, Lines(LogModelFixture.Baseline(300, 1_772_600_000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var windows = Windows(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(windows);
        Assert.All(windows, w => Assert.InRange(w.GetProperty("score").GetDouble(), 0, 1));
        Assert.Equal(300, windows.Sum(w => w.GetProperty("events").GetInt32()));
    }

    [Fact]
    public async Task A_window_of_never_seen_messages_scores_higher_than_usual_ones_and_says_why()
    {
        using var client = Client();
        var log = LogModelFixture.Baseline(60, 1_772_600_000)
            + "1772601300 kernel panic: unable to mount root fs user=intruder\n"
            + "1772601301 kernel panic: unable to mount root fs user=intruder\n";

        using var response = await client.PostAsync(Scores, Lines(log));

        var windows = Windows(await response.Content.ReadAsStringAsync());
        var odd = Assert.Single(windows, w => w.GetProperty("entity").GetString()!.Contains("intruder", StringComparison.Ordinal));
        Assert.True(odd.GetProperty("score").GetDouble() > windows.Where(w => !w.Equals(odd)).Max(w => w.GetProperty("score").GetDouble()));
        Assert.Contains(odd.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("never seen in the baseline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_content_type_is_answered_415()
    {
        using var client = Client();

        using var response = await client.PostAsync(Scores, new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Scoring_without_the_anomaly_scope_is_refused_with_403()
    {
        using var client = Client("pii");

        using var response = await client.PostAsync(Scores, Lines("1772600000 login ok user=user1 from 10.0.0.1\n"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_model_the_endpoint_answers_503()
    {
        using var factory = new ApiFactory();
        using var client = factory.ClientWithToken(factory.Credentials.Token("anomaly"));

        using var response = await client.PostAsync(Scores, Lines("1772600000 login ok\n"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
