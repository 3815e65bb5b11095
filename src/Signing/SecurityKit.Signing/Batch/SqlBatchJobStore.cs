using System.Data;
using System.Data.Common;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// The <see cref="IBatchJobStore"/> logic shared by SQLite and PostgreSQL over plain ADO.NET (so this library needs no
/// PostgreSQL driver: the host passes its <see cref="DbDataSource"/>). Times are Unix milliseconds from the
/// <see cref="TimeProvider"/>, so both databases hold the same values; workers sharing a PostgreSQL store must have
/// synchronised clocks (claims are leases of minutes, so NTP accuracy is ample).
/// </summary>
public abstract class SqlBatchJobStore : IBatchJobStore
{
    private const string StepColumns = "document, signatory, seq, status, error";

    private readonly TimeProvider time;

    /// <summary>Creates the store.</summary>
    /// <param name="timeProvider">Clock for claims; the system clock by default.</param>
    private protected SqlBatchJobStore(TimeProvider? timeProvider)
    {
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The locking clause appended to the claim's inner SELECT (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>).</summary>
    private protected abstract string ClaimLockingClause { get; }

    /// <summary>The clause that locks rows read for a later update in the same transaction (PostgreSQL:
    /// <c>FOR UPDATE</c>; SQLite needs none: its transactions begin IMMEDIATE and hold the write lock).</summary>
    private protected abstract string RowLockingClause { get; }

    /// <inheritdoc/>
    public async Task SaveBatchAsync(string batchId, string definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        ArgumentNullException.ThrowIfNull(definition);
        await InTransactionAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO batch_definition (batch_id, definition) VALUES (@b, @d) ON CONFLICT (batch_id) DO UPDATE SET definition = excluded.definition",
                cancellationToken, ("@b", batchId), ("@d", definition)).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<string?> LoadBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        return await InTransactionAsync(async (connection, transaction) =>
        {
            using var command = Command(connection, transaction, "SELECT definition FROM batch_definition WHERE batch_id = @b", ("@b", batchId));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task EnsureStepsAsync(string batchId, IEnumerable<BatchStep> steps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.ToList();
        await InTransactionAsync(async (connection, transaction) =>
        {
            long next;
            using (var max = Command(connection, transaction, "SELECT COALESCE(MAX(ordinal), -1) FROM batch_step WHERE batch_id = @b", ("@b", batchId)))
            {
                next = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) + 1;
            }

            foreach (var step in list)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO batch_step (batch_id, document, signatory, seq, ordinal, status, error) VALUES (@b, @d, @s, @q, @o, @t, @e) ON CONFLICT (batch_id, document, signatory) DO NOTHING",
                    cancellationToken, ("@b", batchId), ("@d", step.Document), ("@s", step.Signatory), ("@q", step.Sequence), ("@o", next++), ("@t", step.Status.ToString()), ("@e", step.Error)).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BatchStep>> GetStepsAsync(string batchId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        return await InTransactionAsync((connection, transaction) =>
            ReadStepsAsync(Command(connection, transaction, $"SELECT {StepColumns}, ordinal FROM batch_step WHERE batch_id = @b ORDER BY ordinal", ("@b", batchId)), cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> TransitionAsync(string batchId, string document, string signatory, BatchStepStatus expected, BatchStepStatus status, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        return await InTransactionAsync(async (connection, transaction) =>
            await ExecuteAsync(connection, transaction,
                "UPDATE batch_step SET status = @to, error = @e, claimed_by = NULL, claimed_until = NULL WHERE batch_id = @b AND document = @d AND signatory = @s AND status = @from",
                cancellationToken, ("@to", status.ToString()), ("@e", reason), ("@b", batchId), ("@d", document), ("@s", signatory), ("@from", expected.ToString())).ConfigureAwait(false) == 1,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<bool>> TransitionManyAsync(string batchId, IReadOnlyList<BatchStep> steps, BatchStepStatus expected, BatchStepStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        ArgumentNullException.ThrowIfNull(steps);
        return await InTransactionAsync<IReadOnlyList<bool>>(async (connection, transaction) =>
        {
            var changed = new bool[steps.Count];
            for (var i = 0; i < steps.Count; i++)
            {
                changed[i] = await ExecuteAsync(connection, transaction,
                    "UPDATE batch_step SET status = @to, error = NULL, claimed_by = NULL, claimed_until = NULL WHERE batch_id = @b AND document = @d AND signatory = @s AND status = @from",
                    cancellationToken, ("@to", status.ToString()), ("@b", batchId), ("@d", steps[i].Document), ("@s", steps[i].Signatory), ("@from", expected.ToString())).ConfigureAwait(false) == 1;
            }

            return changed;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BatchStep>> TransitionAllAsync(string batchId, string? document, BatchStepStatus expected, BatchStepStatus status, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        var sql = "UPDATE batch_step SET status = @to, error = @e, claimed_by = NULL, claimed_until = NULL WHERE batch_id = @b AND status = @from"
            + (document is null ? string.Empty : " AND document = @d") + $" RETURNING {StepColumns}, ordinal";
        return await InTransactionAsync((connection, transaction) =>
            ReadStepsAsync(Command(connection, transaction, sql, ("@to", status.ToString()), ("@e", reason), ("@b", batchId), ("@from", expected.ToString()), ("@d", document)), cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BatchStep>> ClaimAsync(string batchId, string signatory, string worker, int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // PostgreSQL may run an IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED) subquery more than once within one UPDATE
        // (once per rescan of the outer rows), each run skipping the rows the previous one locked, so the UPDATE
        // could claim more than n steps. A MATERIALIZED CTE is evaluated exactly once (PostgreSQL documentation,
        // "WITH Queries": "Common Table Expression Materialization"). SQLite has no row locks and evaluates the subquery
        // once inside its IMMEDIATE transaction, so it keeps the plain form.
        var candidates = $"""
            SELECT c.document AS picked_document FROM batch_step c
            WHERE c.batch_id = @b AND c.signatory = @s AND c.status = 'Pending'
              AND (c.claimed_by IS NULL OR c.claimed_until < @now OR c.claimed_by = @w)
              AND NOT EXISTS (SELECT 1 FROM batch_step p WHERE p.batch_id = c.batch_id AND p.document = c.document AND p.seq < c.seq AND p.status <> 'Signed')
            ORDER BY c.ordinal LIMIT @n {ClaimLockingClause}
            """;
        var sql = ClaimLockingClause.Length == 0
            ? $"""
                UPDATE batch_step SET claimed_by = @w, claimed_until = @until
                WHERE batch_id = @b AND signatory = @s AND document IN ({candidates})
                RETURNING {StepColumns}, ordinal
                """
            : $"""
                WITH picked AS MATERIALIZED ({candidates})
                UPDATE batch_step SET claimed_by = @w, claimed_until = @until
                FROM picked WHERE batch_step.batch_id = @b AND batch_step.signatory = @s AND batch_step.document = picked.picked_document
                RETURNING {string.Join(", ", StepColumns.Split(", ").Select(c => "batch_step." + c))}, batch_step.ordinal
                """;

        return await InTransactionAsync((connection, transaction) =>
            ReadStepsAsync(Command(connection, transaction, sql, ("@w", worker), ("@until", now + (long)lease.TotalMilliseconds), ("@b", batchId), ("@s", signatory), ("@now", now), ("@n", limit)), cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task ReleaseClaimsAsync(string batchId, string? worker, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        var sql = "UPDATE batch_step SET claimed_by = NULL, claimed_until = NULL WHERE batch_id = @b" + (worker is null ? string.Empty : " AND claimed_by = @w");
        await InTransactionAsync((connection, transaction) => ExecuteAsync(connection, transaction, sql, cancellationToken, ("@b", batchId), ("@w", worker)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<BatchSignatorySession> OpenSessionAsync(string batchId, string signatory, string certificateSha256, DateTimeOffset signingTime, bool renewSigningTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        return await InTransactionAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO batch_session (batch_id, signatory, certificate, signing_time) VALUES (@b, @s, @c, @t) ON CONFLICT (batch_id, signatory) DO UPDATE SET signing_time = excluded.signing_time WHERE batch_session.certificate = excluded.certificate AND @renew = 1",
                cancellationToken, ("@b", batchId), ("@s", signatory), ("@c", certificateSha256), ("@t", signingTime.ToUnixTimeSeconds()), ("@renew", renewSigningTime ? 1 : 0)).ConfigureAwait(false);
            using var command = Command(connection, transaction, "SELECT certificate, signing_time FROM batch_session WHERE batch_id = @b AND signatory = @s", ("@b", batchId), ("@s", signatory));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new BatchSignatorySession(signatory, reader.GetString(0), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1)));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<BatchRebindOutcome> RebindSessionAsync(string batchId, string signatory, string certificateSha256, DateTimeOffset signingTime, string reason, bool keepSignedSteps, string externalWorker, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        ArgumentNullException.ThrowIfNull(certificateSha256);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await InTransactionAsync(async (connection, transaction) =>
        {
            // The signatory's steps are locked first (PostgreSQL), so that a claim racing with the rebind either
            // committed before (and is seen here) or waits until the new certificate is stored (and the claiming
            // worker's certificate check then refuses its session).
            var signed = 0;
            var active = 0;
            using (var command = Command(connection, transaction, $"SELECT status, claimed_by, claimed_until FROM batch_step WHERE batch_id = @b AND signatory = @s {RowLockingClause}", ("@b", batchId), ("@s", signatory)))
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    signed += reader.GetString(0) == nameof(BatchStepStatus.Signed) ? 1 : 0;
                    var claimedBy = reader.IsDBNull(1) ? null : reader.GetString(1);
                    active += claimedBy is not null && claimedBy != externalWorker && !reader.IsDBNull(2) && reader.GetInt64(2) >= now ? 1 : 0;
                }
            }

            if (signed > 0 && !keepSignedSteps)
            {
                return BatchRebindOutcome.SignaturesMade;
            }

            if (active > 0)
            {
                return BatchRebindOutcome.SessionActive;
            }

            string? previous;
            using (var command = Command(connection, transaction, "SELECT certificate FROM batch_session WHERE batch_id = @b AND signatory = @s", ("@b", batchId), ("@s", signatory)))
            {
                previous = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            }

            await ExecuteAsync(connection, transaction,
                "INSERT INTO batch_session (batch_id, signatory, certificate, signing_time) VALUES (@b, @s, @c, @t) ON CONFLICT (batch_id, signatory) DO UPDATE SET certificate = excluded.certificate, signing_time = excluded.signing_time",
                cancellationToken, ("@b", batchId), ("@s", signatory), ("@c", certificateSha256), ("@t", signingTime.ToUnixTimeSeconds())).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                "UPDATE batch_step SET claimed_by = NULL, claimed_until = NULL WHERE batch_id = @b AND signatory = @s AND claimed_by = @w",
                cancellationToken, ("@b", batchId), ("@s", signatory), ("@w", externalWorker)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO batch_rebind (batch_id, signatory, previous_certificate, certificate, reason, signed_before, rebound_at) VALUES (@b, @s, @p, @c, @r, @n, @at)",
                cancellationToken, ("@b", batchId), ("@s", signatory), ("@p", previous), ("@c", certificateSha256), ("@r", reason), ("@n", signed), ("@at", now)).ConfigureAwait(false);
            return BatchRebindOutcome.Rebound;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();

    /// <summary>Runs <paramref name="work"/> in one transaction on an open connection and commits it.</summary>
    /// <typeparam name="T">Result type.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The work's result.</returns>
    private protected abstract Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>The schema: four tables (the rebind audit trail included), created if absent.</summary>
    private protected static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS batch_definition (batch_id TEXT PRIMARY KEY, definition TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS batch_step (batch_id TEXT NOT NULL, document TEXT NOT NULL, signatory TEXT NOT NULL,
            seq INTEGER NOT NULL, ordinal BIGINT NOT NULL, status TEXT NOT NULL, error TEXT NULL, claimed_by TEXT NULL,
            claimed_until BIGINT NULL, PRIMARY KEY (batch_id, document, signatory))
        """,
        "CREATE INDEX IF NOT EXISTS batch_step_claim ON batch_step (batch_id, signatory, status, ordinal)",
        """
        CREATE TABLE IF NOT EXISTS batch_session (batch_id TEXT NOT NULL, signatory TEXT NOT NULL, certificate TEXT NOT NULL,
            signing_time BIGINT NOT NULL, PRIMARY KEY (batch_id, signatory))
        """,
        """
        CREATE TABLE IF NOT EXISTS batch_rebind (batch_id TEXT NOT NULL, signatory TEXT NOT NULL, previous_certificate TEXT NULL,
            certificate TEXT NOT NULL, reason TEXT NOT NULL, signed_before INTEGER NOT NULL, rebound_at BIGINT NOT NULL)
        """,
    ];

    /// <summary>Runs one statement and returns the number of rows it changed.</summary>
    private protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // the SQL is built from constants only; values are parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            if (!sql.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }

            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameter.DbType = value switch
            {
                int => DbType.Int32,
                long => DbType.Int64,
                _ => DbType.String,
            };
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<IReadOnlyList<BatchStep>> ReadStepsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        using (command)
        {
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var steps = new List<(long Ordinal, BatchStep Step)>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                steps.Add((reader.GetInt64(5), new BatchStep(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), Enum.Parse<BatchStepStatus>(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetString(4))));
            }

            // RETURNING gives no order; the claim order is the order the steps were added.
            return steps.OrderBy(s => s.Ordinal).Select(s => s.Step).ToList();
        }
    }
}
