using System.Data.Common;
using Microsoft.Data.Sqlite;
using SecurityKit.Audit;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Audit;

/// <summary>The audit log contract (inherited facts) on SQLite, the embedded default, plus what only a file must keep.</summary>
public sealed class SqliteAuditLogTests : SqlAuditLogContract, IDisposable
{
    private readonly TemporaryDirectory folder = new("sk-audit");

    protected override AuditSqlDialect Dialect => AuditSqlDialect.Sqlite;

    protected override string DropTriggersSql => "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete";

    protected override Task<Func<DbConnection>> NewDatabaseAsync()
    {
        var path = folder.File($"{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        return Task.FromResult<Func<DbConnection>>(() => new SqliteConnection(connectionString));
    }

    [Fact]
    public async Task Entries_survive_reopening_the_database_file()
    {
        var (log, connections) = await NewLogAsync();
        await log.AppendAsync(new AuditEvent("apikey:svc", "pseudonymize.reverse", AuditOutcome.Succeeded, "national-number x1", "case 2026/118"));
        await log.AppendAsync(new AuditEvent("apikey:svc", "pseudonymize.reverse", AuditOutcome.Succeeded, "national-number x2", "case 2026/118"));

        var reopened = new SqlAuditLog(connections, Dialect);
        var entries = new List<AuditEntry>();
        await foreach (var entry in reopened.ReadAllAsync())
        {
            entries.Add(entry);
        }

        Assert.Equal([1L, 2], entries.Select(e => e.Sequence));
        Assert.True(AuditChain.Verify(entries).IsIntact);
    }

    public void Dispose() => folder.Dispose();
}
