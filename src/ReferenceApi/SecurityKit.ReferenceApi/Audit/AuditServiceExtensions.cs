using Microsoft.Data.Sqlite;
using Npgsql;
using SecurityKit.Audit;

namespace SecurityKit.ReferenceApi.Audit;

/// <summary>Registers the audit log: SQLite in the data folder by default, PostgreSQL when configured.</summary>
internal static class AuditServiceExtensions
{
    public static void AddAuditLog(this IHostApplicationBuilder builder, string dataDirectory)
    {
        var options = builder.Configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        switch (options.Store.ToUpperInvariant())
        {
            case "SQLITE":
                var path = options.ConnectionString ?? Path.Combine(dataDirectory, "audit.db");
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                var sqlite = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
                var dialect = options.Synchronous.ToUpperInvariant() switch
                {
                    "NORMAL" => AuditSqlDialect.SqliteWith(fullSync: false),
                    "FULL" => AuditSqlDialect.SqliteWith(fullSync: true),
                    _ => throw new InvalidOperationException($"Api:Audit:Synchronous must be 'normal' or 'full', not '{options.Synchronous}'"),
                };
                builder.Services.AddSingleton(services =>
                    new SqlAuditLog(() => new SqliteConnection(sqlite), dialect, services.GetService<TimeProvider>()));
                break;
            case "POSTGRESQL":
                var connectionString = options.ConnectionString
                    ?? throw new InvalidOperationException("Api:Audit:ConnectionString is required for the PostgreSQL audit store");
                builder.Services.AddKeyedSingleton(AuditOptions.Section, (_, _) => NpgsqlDataSource.Create(connectionString));
                builder.Services.AddSingleton(services =>
                {
                    var dataSource = services.GetRequiredKeyedService<NpgsqlDataSource>(AuditOptions.Section);
                    return new SqlAuditLog(dataSource.CreateConnection, AuditSqlDialect.PostgreSql, services.GetService<TimeProvider>());
                });
                break;
            default:
                throw new InvalidOperationException($"Api:Audit:Store must be 'sqlite' or 'postgresql', not '{options.Store}'");
        }

        // Group commit: concurrent requests share one transaction; each still waits for its own entry (see docs).
        builder.Services.AddSingleton<IAuditLog>(services => options.GroupCommit
            ? new BatchingAuditLog(services.GetRequiredService<SqlAuditLog>())
            : services.GetRequiredService<SqlAuditLog>());
        builder.Services.AddHostedService<AuditLogInitializer>();
    }

    /// <summary>Names the operation recorded in the audit log for every request to these endpoints.</summary>
    public static TBuilder WithAuditOperation<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditOperation(action));

    /// <summary>
    /// Records the current request in the audit log: the caller, the endpoint's <see cref="AuditOperation"/> (or its
    /// route), the outcome, and the PII-free resource, purpose and detail given.
    /// </summary>
    public static Task<AuditEntry> RecordAuditAsync(
        this HttpContext context, AuditOutcome outcome, string? resource = null, string? purpose = null, string? detail = null)
    {
        var endpoint = context.GetEndpoint();
        var action = endpoint?.Metadata.GetMetadata<AuditOperation>()?.Action
            ?? $"{context.Request.Method} {(endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "unknown"}";
        var log = context.RequestServices.GetRequiredService<IAuditLog>();
        var auditEvent = new AuditEvent(Security.Caller.Actor(context.User), action, outcome, resource, purpose, detail);
        // Not the request's cancellation token: a caller who hangs up must not be able to skip the record.
        return log.AppendAsync(auditEvent, CancellationToken.None);
    }

    private sealed class AuditLogInitializer(SqlAuditLog log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => log.EnsureCreatedAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
