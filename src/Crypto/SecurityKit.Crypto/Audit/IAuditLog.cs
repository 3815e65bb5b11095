namespace SecurityKit.Audit;

/// <summary>
/// An append-only, hash-chained audit log. Implementations serialise appends (one head at a time, also across
/// processes sharing the store) so that the chain never forks.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records an event as the next entry and returns that entry.</summary>
    Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Reads every entry in sequence order, streaming.</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>The last entry, or null for an empty log.</summary>
    Task<AuditEntry?> GetHeadAsync(CancellationToken cancellationToken = default);
}
