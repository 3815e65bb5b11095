using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using SecurityKit.Audit;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Scaling;

/// <summary>
/// Two API nodes as deployed behind a load balancer: one real redis-server (PII vault, rate-limit counters) and one
/// real PostgreSQL (audit log), both on loopback, and the same credentials and vault key on both nodes.
/// </summary>
public sealed class TwoNodeFixture : IAsyncLifetime
{
    public const int PermitsPerHour = 4;
    private readonly PostgresServer postgres = new();
    private readonly RedisServer redis = new();

    public OpenAiCompatibleServer Upstream { get; } = OpenAiCompatibleServer.Start();

    public ApiFactory NodeA { get; private set; } = null!;

    public ApiFactory NodeB { get; private set; } = null!;

    public string AuditConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(postgres.InitializeAsync(), redis.InitializeAsync());
        AuditConnectionString = await postgres.CreateDatabaseAsync();
        var shared = new Dictionary<string, string?>
        {
            ["Api:Audit:Store"] = "postgresql",
            ["Api:Audit:ConnectionString"] = AuditConnectionString,
            ["Api:Protection:RedisConfiguration"] = redis.ConnectionString,
            ["Api:Protection:PermitsPerWindow"] = PermitsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api:Protection:Window"] = "01:00:00",
            ["SecurityKit:Pii:Vault:RedisConfiguration"] = redis.ConnectionString,
            ["SecurityKit:Pii:Vault:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Api:Llm:Upstream"] = Upstream.Endpoint.ToString(),
        };
        NodeA = new ApiFactory(shared);
        // Node B trusts node A's issuer and API keys, as every node trusts the same identity provider.
        NodeB = new ApiFactory(new Dictionary<string, string?>(shared.Concat(NodeA.Credentials.Configuration())));
        _ = NodeA.Server;
        _ = NodeB.Server;
    }

    public HttpClient Client(ApiFactory node, string scopes, string subject) =>
        node.ClientWithToken(NodeA.Credentials.Token(scopes, subject: subject));

    public async Task DisposeAsync()
    {
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
        await redis.DisposeAsync();
        await postgres.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}

/// <summary>What must hold across nodes: one rate limit, one vault, one audit chain.</summary>
public sealed class TwoNodeTests : IClassFixture<TwoNodeFixture>
{
    private const string Email = "an.janssens@example.be";
    private readonly TwoNodeFixture nodes;

    public TwoNodeTests(TwoNodeFixture nodes) => this.nodes = nodes;

    [Fact]
    public async Task A_conversation_filtered_on_node_A_is_restored_on_node_B()
    {
        using var a = nodes.Client(nodes.NodeA, "pii pii:restore", "two-node-pii");
        using var b = nodes.Client(nodes.NodeB, "pii pii:restore", "two-node-pii");
        using var replaced = await a.PostAsJsonAsync("/pii/replace", new { text = $"Mail naar {Email}" });
        replaced.EnsureSuccessStatusCode();
        using var safe = JsonDocument.Parse(await replaced.Content.ReadAsStringAsync());

        using var restored = await b.PostAsJsonAsync("/pii/restore", new
        {
            text = safe.RootElement.GetProperty("text").GetString(),
            conversationId = safe.RootElement.GetProperty("conversationId").GetString(),
            purpose = "case 77",
        });

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        using var body = JsonDocument.Parse(await restored.Content.ReadAsStringAsync());
        Assert.Equal($"Mail naar {Email}", body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_chat_conversation_started_on_node_A_keeps_its_placeholders_on_node_B()
    {
        using var a = nodes.Client(nodes.NodeA, "pii", "two-node-chat");
        using var b = nodes.Client(nodes.NodeB, "pii", "two-node-chat");
        using var first = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "m", messages = new[] { new { role = "user", content = $"Onthoud {Email}." } } }),
        };
        using var turn1 = await a.SendAsync(first);
        turn1.EnsureSuccessStatusCode();
        var id = Assert.Single(turn1.Headers.GetValues("X-Conversation-Id"));
        nodes.Upstream.Responder = _ => "Je schreef aan <EMAIL_1>.";
        try
        {
            using var second = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = JsonContent.Create(new { model = "m", messages = new[] { new { role = "user", content = "Aan wie?" } } }),
            };
            second.Headers.Add("X-Conversation-Id", id);

            using var turn2 = await b.SendAsync(second);

            turn2.EnsureSuccessStatusCode();
            using var answer = JsonDocument.Parse(await turn2.Content.ReadAsStringAsync());
            Assert.Equal($"Je schreef aan {Email}.", answer.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
            Assert.All(nodes.Upstream.RequestBodies, body => Assert.DoesNotContain(Email, body, StringComparison.Ordinal));
        }
        finally
        {
            nodes.Upstream.Responder = prompt => prompt;
        }
    }

    [Fact]
    public async Task The_rate_limit_is_shared_by_both_nodes()
    {
        using var a = nodes.Client(nodes.NodeA, "audit", "two-node-limited");
        using var b = nodes.Client(nodes.NodeB, "audit", "two-node-limited");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TwoNodeFixture.PermitsPerHour; i++)
        {
            using var response = await (i % 2 == 0 ? a : b).GetAsync(new Uri("/audit/head", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        using var refusedOnA = await a.GetAsync(new Uri("/audit/head", UriKind.Relative));
        using var refusedOnB = await b.GetAsync(new Uri("/audit/head", UriKind.Relative));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnA.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnB.StatusCode);
        Assert.NotNull(refusedOnB.Headers.RetryAfter);
    }

    [Fact]
    public async Task Concurrent_requests_on_both_nodes_extend_one_audit_chain_that_verifies()
    {
        // 12 callers, each within its own rate limit, hitting both nodes at once.
        var calls = Enumerable.Range(0, 12).SelectMany(caller => Enumerable.Range(0, 3).Select(async i =>
        {
            using var client = nodes.Client(i % 2 == 0 ? nodes.NodeA : nodes.NodeB, "pii", $"two-node-audit-{caller}");
            using var response = await client.PostAsJsonAsync("/pii/scan", new { text = $"mail {Email}" });
            return response.StatusCode;
        }));

        var statuses = await Task.WhenAll(calls);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var log = new SqlAuditLog(() => new NpgsqlConnection(nodes.AuditConnectionString), AuditSqlDialect.PostgreSql);
        var entries = new List<AuditEntry>();
        await foreach (var entry in log.ReadAllAsync())
        {
            entries.Add(entry);
        }

        Assert.Equal(36, entries.Count(e => e.Actor.StartsWith("jwt:two-node-audit-", StringComparison.Ordinal)));
        var report = AuditChain.Verify(entries);
        Assert.True(report.IsIntact, report.Problem);
    }
}
