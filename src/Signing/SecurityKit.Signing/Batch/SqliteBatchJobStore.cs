using Microsoft.Data.Sqlite;

namespace SecurityKit.Signing.Batch;

/// <summary>The default <see cref="IBatchJobStore"/>: a SQLite file (WAL journal, synchronous FULL so a committed
/// status survives a power cut).</summary>
public sealed class SqliteBatchJobStore : IBatchJobStore
{
    private readonly SqliteConnection connection;

    /// <summary>Opens (or creates) the store at <paramref name="path"/>.</summary>
    /// <param name="path">The SQLite file.</param>
    public SqliteBatchJobStore(string path)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
            + "CREATE TABLE IF NOT EXISTS step (document TEXT NOT NULL, signatory TEXT NOT NULL, seq INTEGER NOT NULL,"
            + " status TEXT NOT NULL, error TEXT, PRIMARY KEY (document, signatory));");
    }

    /// <inheritdoc/>
    public void Ensure(IEnumerable<BatchStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO step (document, signatory, seq, status, error) VALUES ($d, $s, $q, $t, $e)";
        var d = command.Parameters.Add("$d", SqliteType.Text);
        var s = command.Parameters.Add("$s", SqliteType.Text);
        var q = command.Parameters.Add("$q", SqliteType.Integer);
        var t = command.Parameters.Add("$t", SqliteType.Text);
        var e = command.Parameters.Add("$e", SqliteType.Text);
        foreach (var step in steps)
        {
            d.Value = step.Document;
            s.Value = step.Signatory;
            q.Value = step.Sequence;
            t.Value = step.Status.ToString();
            e.Value = (object?)step.Error ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <inheritdoc/>
    public IReadOnlyList<BatchStep> Steps()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document, signatory, seq, status, error FROM step ORDER BY document, seq";
        using var reader = command.ExecuteReader();
        var steps = new List<BatchStep>();
        while (reader.Read())
        {
            steps.Add(new BatchStep(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), Enum.Parse<BatchStepStatus>(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return steps;
    }

    /// <inheritdoc/>
    public void Mark(string document, string signatory, BatchStepStatus status, string? reason = null)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE step SET status = $t, error = $e WHERE document = $d AND signatory = $s";
        command.Parameters.AddWithValue("$t", status.ToString());
        command.Parameters.AddWithValue("$e", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$d", document);
        command.Parameters.AddWithValue("$s", signatory);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <inheritdoc/>
    public void Dispose() => connection.Dispose();

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
