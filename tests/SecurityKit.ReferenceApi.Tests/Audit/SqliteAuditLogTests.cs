using System.Data.Common;
using Microsoft.Data.Sqlite;
using SecurityKit.Audit;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Audit;

/// <summary>The audit log on SQLite, the embedded default.</summary>
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

    public void Dispose() => folder.Dispose();
}
