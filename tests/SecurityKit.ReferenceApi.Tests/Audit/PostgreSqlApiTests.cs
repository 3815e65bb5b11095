using System.Net;
using System.Net.Http.Json;
using Npgsql;
using SecurityKit.Audit;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Audit;

/// <summary>Two API nodes writing one audit chain in a real PostgreSQL.</summary>
[Collection(PostgresServers.Name)]
public sealed class PostgreSqlApiTests(PostgresServer postgres)
{
    [Fact]
    public async Task Two_nodes_on_one_PostgreSQL_audit_log_extend_one_intact_chain()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Api:Audit:Store"] = "postgresql",
            ["Api:Audit:ConnectionString"] = connectionString,
        };
        using var nodeA = new ApiFactory(settings);
        using var nodeB = new ApiFactory(settings);
        using var clientA = nodeA.ClientWithApiKey(nodeA.Credentials.AllScopesKey);
        using var clientB = nodeB.ClientWithApiKey(nodeB.Credentials.AllScopesKey);

        var calls = Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? clientA : clientB).PostAsJsonAsync(new Uri("/pii/scan", UriKind.Relative), new { text = "mail jan@example.be" }));
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var log = new SqlAuditLog(() => new NpgsqlConnection(connectionString), AuditSqlDialect.PostgreSql);
        var report = await AuditChain.VerifyAsync(log.ReadAllAsync());
        Assert.True(report.IsIntact, report.Problem);
        Assert.Equal(20, report.EntriesChecked);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
