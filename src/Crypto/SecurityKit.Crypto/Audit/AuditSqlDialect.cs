using System.Data;

namespace SecurityKit.Audit;

/// <summary>
/// The SQL that differs between the databases <see cref="SqlAuditLog"/> runs on. Only plain ADO.NET is used, so
/// this library needs no database driver: the host passes a connection factory of its choice
/// (Microsoft.Data.Sqlite, Npgsql).
/// </summary>
public sealed class AuditSqlDialect
{
    private AuditSqlDialect(
        string name, string[] schema, string? lockStatement, IsolationLevel appendIsolation, string[]? databaseSetup = null, string[]? sessionSetup = null)
    {
        Name = name;
        DatabaseSetupStatements = databaseSetup ?? [];
        SessionSetupStatements = sessionSetup ?? [];
        AppendIsolation = appendIsolation;
        SchemaStatements = schema;
        LockStatement = lockStatement;
    }

    /// <summary>The database's name, for messages.</summary>
    public string Name { get; }

    /// <summary>Statements run once when the log is created, outside any transaction (SQLite journal mode).</summary>
    public IReadOnlyList<string> DatabaseSetupStatements { get; }

    /// <summary>Statements run on every connection opened (SQLite's per-connection durability setting).</summary>
    public IReadOnlyList<string> SessionSetupStatements { get; }

    /// <summary>Statements that create the table and the triggers refusing UPDATE and DELETE; each is idempotent.</summary>
    public IReadOnlyList<string> SchemaStatements { get; }

    /// <summary>
    /// A statement run first in an append transaction to serialise appenders, or null when beginning a serializable
    /// transaction already does (SQLite's <c>BEGIN IMMEDIATE</c>).
    /// </summary>
    public string? LockStatement { get; }

    /// <summary>The isolation level of an append transaction.</summary>
    public IsolationLevel AppendIsolation { get; }

    /// <summary>
    /// SQLite in write-ahead-log mode with <c>synchronous=NORMAL</c>: a commit survives a crash of the process but
    /// the last commits may be lost on power failure (the chain stays valid, only its tail is shorter). See
    /// <see cref="SqliteWith"/>.
    /// </summary>
    public static AuditSqlDialect Sqlite { get; } = SqliteWith(fullSync: false);

    /// <summary>
    /// SQLite: <c>BeginTransaction(Serializable)</c> is <c>BEGIN IMMEDIATE</c> in Microsoft.Data.Sqlite, which takes
    /// the write lock before the head is read, so two writers never read the same head. The log runs in WAL mode
    /// (readers — verification, the audit API — never block the writer) with <c>synchronous=FULL</c> (every commit
    /// is on disk before it returns: one fsync per commit) or <c>NORMAL</c> (the WAL is synced only at checkpoints:
    /// a crash of the process loses nothing, a power failure may lose the last commits; sqlite.org/pragma.html#pragma_synchronous).
    /// </summary>
    /// <param name="fullSync">True for <c>synchronous=FULL</c>.</param>
    public static AuditSqlDialect SqliteWith(bool fullSync) => new(
        "SQLite",
        [
            """
            CREATE TABLE IF NOT EXISTS audit_log (
                seq BIGINT PRIMARY KEY, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                outcome TEXT NOT NULL, resource TEXT NULL, purpose TEXT NULL, detail TEXT NULL,
                previous_hash TEXT NOT NULL, hash TEXT NOT NULL)
            """,
            "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        ],
        null,
        IsolationLevel.Serializable,
        ["PRAGMA journal_mode=WAL"],
        [fullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"]);

    /// <summary>
    /// PostgreSQL: a transaction-scoped advisory lock serialises appenders on every node; triggers refuse UPDATE,
    /// DELETE and TRUNCATE. Grant the service role only INSERT and SELECT in production.
    /// </summary>
    public static AuditSqlDialect PostgreSql { get; } = new(
        "PostgreSQL",
        [
            """
            CREATE TABLE IF NOT EXISTS audit_log (
                seq BIGINT PRIMARY KEY, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                outcome TEXT NOT NULL, resource TEXT NULL, purpose TEXT NULL, detail TEXT NULL,
                previous_hash TEXT NOT NULL, hash TEXT NOT NULL)
            """,
            """
            CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
            """,
            "CREATE OR REPLACE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()",
            "CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()",
        ],
        // 0x5345_4B41_5544_4954 = "SEKAUDIT": one fixed advisory lock key for the audit log.
        // READ COMMITTED, not SERIALIZABLE: the head must be read with a snapshot taken after the lock was granted.
        "SELECT pg_advisory_xact_lock(5999651343163270484)",
        IsolationLevel.ReadCommitted);
}
