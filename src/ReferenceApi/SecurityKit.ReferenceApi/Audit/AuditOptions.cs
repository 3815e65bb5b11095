namespace SecurityKit.ReferenceApi.Audit;

/// <summary>Where the audit log is kept, bound from <c>Api:Audit</c>.</summary>
internal sealed class AuditOptions
{
    public const string Section = "Api:Audit";

    /// <summary><c>sqlite</c> (default: a file in the data folder) or <c>postgresql</c> (shared by every node).</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>
    /// For SQLite, the database file (default <c>&lt;data&gt;/audit.db</c>); for PostgreSQL, an Npgsql connection string.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite only: <c>normal</c> (default; WAL synced at checkpoints: nothing lost when the process crashes, the last
    /// commits may be lost on power failure) or <c>full</c> (every commit synced before the request is answered).
    /// </summary>
    public string Synchronous { get; set; } = "normal";

    /// <summary>
    /// True (default): concurrent appends share one transaction (<see cref="SecurityKit.Audit.BatchingAuditLog"/>).
    /// False: one transaction per append, as before; kept to measure the difference.
    /// </summary>
    public bool GroupCommit { get; set; } = true;
}
