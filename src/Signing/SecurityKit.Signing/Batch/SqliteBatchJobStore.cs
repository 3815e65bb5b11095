using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SecurityKit.Signing.Batch;

/// <summary>The default <see cref="IBatchJobStore"/>: a SQLite file (WAL journal, synchronous FULL so a committed
/// status survives a power cut). Transactions begin IMMEDIATE, so a claim is atomic against other processes.</summary>
public sealed class SqliteBatchJobStore : SqlBatchJobStore
{
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Opens (or creates) the store at <paramref name="path"/>.</summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="timeProvider">Clock for claims; the system clock by default.</param>
    public SqliteBatchJobStore(string path, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;" + string.Join(";", Schema);
        command.ExecuteNonQuery();
    }

    private protected override string ClaimLockingClause => string.Empty;

    private protected override string RowLockingClause => string.Empty;

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        gate.Dispose();
    }

    private protected override async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        // One connection, one transaction at a time (a SqliteConnection is not thread-safe).
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            transaction.Commit();
            return result;
        }
        finally
        {
            gate.Release();
        }
    }
}
