using System.Data.Common;
using Npgsql;
using SecurityKit.Audit;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Audit;

/// <summary>The audit log on a real PostgreSQL server started on loopback for these tests.</summary>
[Collection(PostgresServers.Name)]
public sealed class PostgreSqlAuditLogTests(PostgresServer postgres) : SqlAuditLogContract
{
    protected override AuditSqlDialect Dialect => AuditSqlDialect.PostgreSql;

    protected override string DropTriggersSql => "DROP TRIGGER audit_log_no_update ON audit_log; DROP TRIGGER audit_log_no_truncate ON audit_log";

    protected override async Task<Func<DbConnection>> NewDatabaseAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        return () => new NpgsqlConnection(connectionString);
    }

    [Fact]
    public async Task The_database_refuses_to_truncate_the_log()
    {
        var (log, connections) = await NewLogAsync();
        await log.AppendAsync(new AuditEvent("a", "b", AuditOutcome.Succeeded));

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connections, "TRUNCATE audit_log"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>One PostgreSQL server shared by the test classes that need it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresServers : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
