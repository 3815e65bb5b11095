using System.Data;
using System.Data.Common;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// The <see cref="IBatchJobStore"/> of a server: PostgreSQL through the host's <see cref="DbDataSource"/> (an
/// <c>NpgsqlDataSource</c>). Several workers share a batch: a claim selects the steps with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claimers skip rows another one is claiming instead of waiting for them
/// or taking them twice (PostgreSQL documentation, SELECT, "The Locking Clause").
/// </summary>
public sealed class PostgresBatchJobStore : SqlBatchJobStore
{
    // 0x5345_4B42_4154_4348 = "SEKBATCH": advisory lock key that serialises schema creation across processes
    // (CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin).
    private const long SchemaLockKey = 0x5345_4B42_4154_4348;

    private readonly DbDataSource dataSource;
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private volatile bool schemaReady;

    /// <summary>Creates the store; the tables are created on first use.</summary>
    /// <param name="dataSource">The PostgreSQL data source (e.g. <c>NpgsqlDataSource.Create(connectionString)</c>); the caller owns it.</param>
    /// <param name="timeProvider">Clock for claims; the system clock by default.</param>
    public PostgresBatchJobStore(DbDataSource dataSource, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
    }

    private protected override string ClaimLockingClause => "FOR UPDATE SKIP LOCKED";

    private protected override string RowLockingClause => "FOR UPDATE";

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        schemaGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private protected override async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!schemaReady)
        {
            await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (schemaReady)
            {
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@k)", cancellationToken, ("@k", SchemaLockKey)).ConfigureAwait(false);
            foreach (var statement in Schema)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            schemaReady = true;
        }
        finally
        {
            schemaGate.Release();
        }
    }
}
