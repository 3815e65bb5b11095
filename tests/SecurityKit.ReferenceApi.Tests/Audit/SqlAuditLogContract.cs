using System.Data.Common;
using SecurityKit.Audit;

namespace SecurityKit.ReferenceApi.Tests.Audit;

/// <summary>What every SQL store must do, run against SQLite and against a real PostgreSQL.</summary>
public abstract class SqlAuditLogContract
{
    protected abstract AuditSqlDialect Dialect { get; }

    protected abstract Task<Func<DbConnection>> NewDatabaseAsync();

    /// <summary>Runs raw SQL as a database owner would (to bypass the application).</summary>
    protected static async Task ExecuteAsync(Func<DbConnection> connections, string sql)
    {
        await using var connection = connections();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<(SqlAuditLog Log, Func<DbConnection> Connections)> NewLogAsync()
    {
        var connections = await NewDatabaseAsync();
        var log = new SqlAuditLog(connections, Dialect);
        await log.EnsureCreatedAsync();
        return (log, connections);
    }

    private static AuditEvent Event(int i) =>
        new($"apikey:svc-{i}", "pseudonymize.reverse", AuditOutcome.Succeeded, $"national-number x{i}", "case 2026/118");

    private static async Task<List<AuditEntry>> ReadAll(SqlAuditLog log)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in log.ReadAllAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public async Task Appended_entries_are_read_back_in_order_as_an_intact_chain()
    {
        var (log, _) = await NewLogAsync();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Event(i));
        }

        var entries = await ReadAll(log);

        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.Sequence));
        Assert.True(AuditChain.Verify(entries).IsIntact);
        Assert.Equal(entries[^1], await log.GetHeadAsync());
    }

    [Fact]
    public async Task Creating_the_schema_twice_keeps_the_entries()
    {
        var (log, _) = await NewLogAsync();
        await log.AppendAsync(Event(1));

        await log.EnsureCreatedAsync();

        Assert.Single(await ReadAll(log));
    }

    [Fact]
    public async Task Concurrent_appenders_on_separate_instances_extend_one_chain()
    {
        // Two instances over the same database stand for two API nodes.
        var (nodeA, connections) = await NewLogAsync();
        var nodeB = new SqlAuditLog(connections, Dialect);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? nodeA : nodeB).AppendAsync(Event(i)))));

        var entries = await ReadAll(nodeA);
        Assert.Equal(40, entries.Count);
        var report = AuditChain.Verify(entries);
        Assert.True(report.IsIntact, report.Problem);
    }

    [Fact]
    public async Task A_batch_is_recorded_as_consecutive_entries_of_one_chain()
    {
        var (log, _) = await NewLogAsync();
        await log.AppendAsync(Event(0));

        var batch = await log.AppendBatchAsync([Event(1), Event(2), Event(3)]);

        Assert.Equal([2L, 3, 4], batch.Select(e => e.Sequence));
        var report = AuditChain.Verify(await ReadAll(log));
        Assert.True(report.IsIntact, report.Problem);
        Assert.Equal(batch[^1].Hash, report.HeadHash);
    }

    [Fact]
    public async Task Concurrent_callers_of_the_batching_writer_each_get_their_own_committed_entry()
    {
        var (store, connections) = await NewLogAsync();
        await using var nodeA = new BatchingAuditLog(store, maxBatchSize: 16);
        await using var nodeB = new BatchingAuditLog(new SqlAuditLog(connections, Dialect), maxBatchSize: 16);

        var recorded = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 2 == 0 ? nodeA : nodeB).AppendAsync(Event(i)))));

        var entries = await ReadAll(store);
        Assert.Equal(200, entries.Count);
        Assert.Equal(recorded.Select(e => e.Sequence).Order(), entries.Select(e => e.Sequence));
        Assert.All(recorded, r => Assert.Equal(entries[(int)r.Sequence - 1], r));
        var report = AuditChain.Verify(entries);
        Assert.True(report.IsIntact, report.Problem);
    }

    [Fact]
    public async Task Disposing_the_batching_writer_records_what_was_queued()
    {
        var (store, _) = await NewLogAsync();
        var writer = new BatchingAuditLog(store);
        var pending = Enumerable.Range(0, 50).Select(i => writer.AppendAsync(Event(i))).ToList();

        await writer.DisposeAsync();

        await Task.WhenAll(pending);
        Assert.Equal(50, (await ReadAll(store)).Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.AppendAsync(Event(99)));
    }

    [Fact]
    public async Task A_failing_store_fails_the_callers_of_that_batch_and_records_nothing()
    {
        var connections = await NewDatabaseAsync();
        // No EnsureCreatedAsync: the table does not exist, so the insert fails.
        await using var writer = new BatchingAuditLog(new SqlAuditLog(connections, Dialect));

        await Assert.ThrowsAnyAsync<DbException>(() => writer.AppendAsync(Event(1)));
    }

    [Fact]
    public async Task The_database_refuses_to_update_an_entry()
    {
        var (log, connections) = await NewLogAsync();
        await log.AppendAsync(Event(1));

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connections, "UPDATE audit_log SET actor = 'x'"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_to_delete_an_entry()
    {
        var (log, connections) = await NewLogAsync();
        await log.AppendAsync(Event(1));

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connections, "DELETE FROM audit_log"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    protected abstract string DropTriggersSql { get; }

    [Fact]
    public async Task An_entry_changed_behind_the_triggers_back_is_detected()
    {
        var (log, connections) = await NewLogAsync();
        for (var i = 0; i < 4; i++)
        {
            await log.AppendAsync(Event(i));
        }

        await ExecuteAsync(connections, DropTriggersSql);
        await ExecuteAsync(connections, "UPDATE audit_log SET purpose = 'curiosity' WHERE seq = 3");

        var report = await AuditChain.VerifyAsync(log.ReadAllAsync());
        Assert.False(report.IsIntact);
        Assert.Equal(3, report.FirstBadSequence);
    }

    [Fact]
    public async Task An_entry_deleted_behind_the_triggers_back_is_detected()
    {
        var (log, connections) = await NewLogAsync();
        for (var i = 0; i < 4; i++)
        {
            await log.AppendAsync(Event(i));
        }

        await ExecuteAsync(connections, DropTriggersSql);
        await ExecuteAsync(connections, "DELETE FROM audit_log WHERE seq = 2");

        var report = await AuditChain.VerifyAsync(log.ReadAllAsync());
        Assert.False(report.IsIntact);
        Assert.Equal(2, report.FirstBadSequence);
    }
}
