using Microsoft.Data.Sqlite;
using SecurityKit.Audit;

namespace SecurityKit.ReferenceApi.Tests.Infrastructure;

/// <summary>Reads the SQLite audit log of an <see cref="ApiFactory"/> directly, as an auditor would.</summary>
internal static class AuditReader
{
    public static async Task<List<AuditEntry>> ReadAsync(ApiFactory factory)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(factory.DataDirectory, "audit.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        var log = new SqlAuditLog(() => new SqliteConnection(connectionString), AuditSqlDialect.Sqlite);
        var entries = new List<AuditEntry>();
        await foreach (var entry in log.ReadAllAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }
}
