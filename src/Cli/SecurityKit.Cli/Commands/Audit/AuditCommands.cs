using System.CommandLine;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using SecurityKit.Audit;
using SecurityKit.Cli.Infrastructure;

namespace SecurityKit.Cli.Commands.Audit;

/// <summary>
/// <c>securitykit audit verify</c>: checks the reference API's hash-chained audit log (a SQLite file or a PostgreSQL
/// database) and names the first altered or removed entry. Exit 0 when intact, 3 when the chain is broken, 1 when
/// the log cannot be read.
/// </summary>
internal sealed class AuditCommands : ICommandGroup
{
    /// <summary>The exit code for a log whose chain is broken.</summary>
    public const int BrokenChainExitCode = 3;

    /// <inheritdoc />
    public IEnumerable<Command> CreateCommands()
    {
        var audit = new Command("audit", "Check the reference API's audit log.");
        audit.Subcommands.Add(CreateVerify());
        yield return audit;
    }

    private static Command CreateVerify()
    {
        var sqlite = new Option<FileInfo>("--db") { Description = "The SQLite audit database (the API's data/audit.db)." };
        var postgres = new Option<string>("--postgres") { Description = "An Npgsql connection string to the PostgreSQL audit database." };
        var head = new Option<string>("--expect-head")
        {
            Description = "A head hash recorded earlier outside the log (GET /audit/head); the log must still contain it, which detects entries removed from the end.",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var verify = new Command("verify", "Check every entry's hash and link; name the first altered or missing entry.");
        verify.Options.Add(sqlite);
        verify.Options.Add(postgres);
        verify.Options.Add(head);
        verify.Options.Add(json);
        verify.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var file = result.GetValue(sqlite);
            var connectionString = result.GetValue(postgres);
            if ((file is null) == (connectionString is null))
            {
                throw new CommandLineError("give exactly one of --db or --postgres", "command line", SecurityKitCommand.UsageExitCode);
            }

            var expectedHead = result.GetValue(head);
            AuditChainVerifier verifier;
            try
            {
                verifier = new AuditChainVerifier(expectedHead);
            }
            catch (ArgumentException)
            {
                throw new CommandLineError("the expected head must be 64 lower-case hexadecimal digits", "--expect-head", SecurityKitCommand.UsageExitCode);
            }

            var (log, where) = Open(file, connectionString);
            try
            {
                await foreach (var entry in log.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!verifier.Add(entry))
                    {
                        break;
                    }
                }
            }
            catch (Exception exception) when (exception is SqliteException or NpgsqlException or InvalidCastException)
            {
                // Driver messages may quote connection details; say only what failed.
                throw new CommandLineError($"the audit log could not be read ({exception.GetType().Name})", where);
            }

            var report = verifier.Complete();
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, ReportJson.Options)).ConfigureAwait(false);
            }
            else if (report.IsIntact)
            {
                await output.WriteLineAsync($"audit log intact: {report.EntriesChecked} entries, head {report.HeadSequence} {report.HeadHash}").ConfigureAwait(false);
            }

            if (!report.IsIntact)
            {
                throw new CommandLineError($"audit log broken at entry {report.FirstBadSequence}: {report.Problem}", where, BrokenChainExitCode);
            }

            return 0;
        });
        return verify;
    }

    private static (SqlAuditLog Log, string Where) Open(FileInfo? file, string? connectionString)
    {
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CommandLineError("audit database not found", file.FullName);
            }

            // Read-only: verifying must never create, migrate or lock the log for writing.
            var sqlite = new SqliteConnectionStringBuilder { DataSource = file.FullName, Mode = SqliteOpenMode.ReadOnly }.ToString();
            return (new SqlAuditLog(() => new SqliteConnection(sqlite), AuditSqlDialect.Sqlite), file.FullName);
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            throw new CommandLineError("the PostgreSQL connection string is malformed", "--postgres");
        }

        var where = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        return (new SqlAuditLog(() => new NpgsqlConnection(connectionString), AuditSqlDialect.PostgreSql), where);
    }

    private static class ReportJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
