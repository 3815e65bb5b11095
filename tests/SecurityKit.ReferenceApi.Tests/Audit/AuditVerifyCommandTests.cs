using Microsoft.Data.Sqlite;
using Npgsql;
using SecurityKit.Audit;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Audit;

/// <summary><c>securitykit audit verify</c> run as a process, on SQLite files and on a real PostgreSQL.</summary>
[Collection(PostgresServers.Name)]
public sealed class AuditVerifyCommandTests(PostgresServer postgres) : IDisposable
{
    private readonly TemporaryDirectory folder = new("sk-audit-cli");

    private async Task<(string Path, SqlAuditLog Log)> SqliteLogAsync(int entries)
    {
        var path = folder.File($"{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        var log = new SqlAuditLog(() => new SqliteConnection(connectionString), AuditSqlDialect.Sqlite);
        await log.EnsureCreatedAsync();
        for (var i = 0; i < entries; i++)
        {
            await log.AppendAsync(new AuditEvent($"apikey:svc-{i}", "pii.scan", AuditOutcome.Succeeded, "EMAIL x1"));
        }

        return (path, log);
    }

    private static async Task TamperAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task An_intact_log_passes_and_its_head_is_printed()
    {
        var (path, log) = await SqliteLogAsync(5);

        var result = await SecurityKitCli.RunAsync("audit", "verify", "--db", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains((await log.GetHeadAsync())!.Hash, result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_altered_entry_fails_and_is_named()
    {
        var (path, _) = await SqliteLogAsync(5);
        await TamperAsync(path, "UPDATE audit_log SET actor = 'apikey:nobody' WHERE seq = 3");

        var result = await SecurityKitCli.RunAsync("audit", "verify", "--db", path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("error: audit log broken at entry 3", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_entry_fails_and_is_named()
    {
        var (path, _) = await SqliteLogAsync(5);
        await TamperAsync(path, "DELETE FROM audit_log WHERE seq = 2");

        var result = await SecurityKitCli.RunAsync("audit", "verify", "--db", path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("entry 2", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_removed_from_the_end_fail_against_the_recorded_head()
    {
        var (path, log) = await SqliteLogAsync(5);
        var head = (await log.GetHeadAsync())!.Hash;
        await TamperAsync(path, "DELETE FROM audit_log WHERE seq >= 4");

        var result = await SecurityKitCli.RunAsync("audit", "verify", "--db", path, "--expect-head", head);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("entry 4", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JSON_report_names_the_first_bad_entry()
    {
        var (path, _) = await SqliteLogAsync(4);
        await TamperAsync(path, "UPDATE audit_log SET resource = 'IBAN x9' WHERE seq = 2");

        var result = await SecurityKitCli.RunAsync("audit", "verify", "--db", path, "--json");

        using var report = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        Assert.False(report.RootElement.GetProperty("isIntact").GetBoolean());
        Assert.Equal(2, report.RootElement.GetProperty("firstBadSequence").GetInt64());
    }

    [Fact]
    public async Task A_missing_database_file_is_an_error_not_an_empty_log()
    {
        var result = await SecurityKitCli.RunAsync("audit", "verify", "--db", folder.File("absent.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: audit database not found", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("absent.db")));
    }

    [Fact]
    public async Task A_PostgreSQL_log_is_verified_and_tampering_detected()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var log = new SqlAuditLog(() => new NpgsqlConnection(connectionString), AuditSqlDialect.PostgreSql);
        await log.EnsureCreatedAsync();
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(new AuditEvent("jwt:dpo", "pseudonymize.reverse", AuditOutcome.Succeeded, purpose: "case 12"));
        }

        var intact = await SecurityKitCli.RunAsync("audit", "verify", "--postgres", connectionString);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("DROP TRIGGER audit_log_no_update ON audit_log; UPDATE audit_log SET purpose = 'curiosity' WHERE seq = 2", connection);
            await command.ExecuteNonQueryAsync();
        }

        var broken = await SecurityKitCli.RunAsync("audit", "verify", "--postgres", connectionString);

        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("entry 2", broken.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();
}
