using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace SecurityKit.Audit;

/// <summary>
/// The audit log in a SQL database (SQLite by default, PostgreSQL for several nodes) through plain ADO.NET.
/// Appends run in one transaction that locks the log, reads the head and inserts the next entry, so concurrent
/// appenders — threads or nodes — extend one chain. The table refuses UPDATE and DELETE by trigger; the chain
/// detects changes made by someone who can bypass the triggers.
/// </summary>
public sealed class SqlAuditLog : IAuditLog
{
    private const string Columns = "seq, recorded_at, actor, action, outcome, resource, purpose, detail, previous_hash, hash";

    private readonly Func<DbConnection> connectionFactory;
    private readonly AuditSqlDialect dialect;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates a log over connections made by <paramref name="connectionFactory"/> (not yet opened).</summary>
    public SqlAuditLog(Func<DbConnection> connectionFactory, AuditSqlDialect dialect, TimeProvider? timeProvider = null)
    {
        this.connectionFactory = connectionFactory ?? throw new ArgumentNullException(nameof(connectionFactory));
        this.dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates the table and triggers when they do not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var statement in dialect.DatabaseSetupStatements)
            {
                await ExecuteAsync(connection, null, statement, cancellationToken).ConfigureAwait(false);
            }

            var transaction = await connection.BeginTransactionAsync(dialect.AppendIsolation, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (dialect.LockStatement is not null)
                {
                    await ExecuteAsync(connection, transaction, dialect.LockStatement, cancellationToken).ConfigureAwait(false);
                }

                foreach (var statement in dialect.SchemaStatements)
                {
                    await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var entries = await AppendBatchAsync([auditEvent], cancellationToken).ConfigureAwait(false);
        return entries[0];
    }

    /// <summary>
    /// Records several events as consecutive entries in one transaction: one lock, one head read and one commit
    /// (one fsync) for the whole batch, which is what makes a busy log fast (see <see cref="BatchingAuditLog"/>).
    /// Either every event is recorded or none is.
    /// </summary>
    /// <returns>The entries, in the order of <paramref name="auditEvents"/>.</returns>
    public async Task<IReadOnlyList<AuditEntry>> AppendBatchAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        if (auditEvents.Count == 0)
        {
            return [];
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(dialect.AppendIsolation, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (dialect.LockStatement is not null)
                {
                    await ExecuteAsync(connection, transaction, dialect.LockStatement, cancellationToken).ConfigureAwait(false);
                }

                var head = await ReadHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var now = timeProvider.GetUtcNow();
                var entries = new List<AuditEntry>(auditEvents.Count);
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO audit_log ({Columns}) VALUES (@seq, @recorded_at, @actor, @action, @outcome, @resource, @purpose, @detail, @previous_hash, @hash)";
                string[] names = ["@seq", "@recorded_at", "@actor", "@action", "@outcome", "@resource", "@purpose", "@detail", "@previous_hash", "@hash"];
                var parameters = new DbParameter[names.Length];
                for (var i = 0; i < names.Length; i++)
                {
                    parameters[i] = insert.CreateParameter();
                    parameters[i].ParameterName = names[i];
                    insert.Parameters.Add(parameters[i]);
                }

                foreach (var auditEvent in auditEvents)
                {
                    ArgumentNullException.ThrowIfNull(auditEvent, nameof(auditEvents));
                    var entry = AuditChain.Append(head, auditEvent, now);
                    object?[] values = [entry.Sequence, entry.RecordedAt, entry.Actor, entry.Action, entry.Outcome, entry.Resource, entry.Purpose, entry.Detail, entry.PreviousHash, entry.Hash];
                    for (var i = 0; i < values.Length; i++)
                    {
                        parameters[i].Value = values[i] ?? DBNull.Value;
                    }

                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    entries.Add(entry);
                    head = entry;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return entries;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {Columns} FROM audit_log ORDER BY seq";
            var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return ReadEntry(reader);
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<AuditEntry?> GetHeadAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadHeadAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = connectionFactory();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var statement in dialect.SessionSetupStatements)
            {
                await ExecuteAsync(connection, null, statement, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<AuditEntry?> ReadHeadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {Columns} FROM audit_log ORDER BY seq DESC LIMIT 1";
        var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
        }
    }

    private static AuditEntry ReadEntry(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetString(8),
        reader.GetString(9));

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
