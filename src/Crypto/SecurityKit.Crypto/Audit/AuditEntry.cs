namespace SecurityKit.Audit;

/// <summary>
/// One entry of the hash-chained audit log: an <see cref="AuditEvent"/> with its position, its time and the chain
/// hashes. <see cref="Hash"/> is SHA-256 over the canonical encoding of every other field including
/// <see cref="PreviousHash"/> (see <see cref="AuditChain"/>), so changing, inserting or removing an entry breaks the
/// chain from that point on.
/// </summary>
/// <param name="Sequence">Position in the log, from 1, without gaps.</param>
/// <param name="RecordedAt">When the entry was recorded, UTC, as written by <see cref="AuditChain.FormatTime"/>.</param>
/// <param name="Actor">Who acted.</param>
/// <param name="Action">What was done.</param>
/// <param name="Outcome">How it ended: <c>succeeded</c>, <c>denied</c> or <c>failed</c>.</param>
/// <param name="Resource">On what (never a cleartext identifier).</param>
/// <param name="Purpose">The purpose the caller stated.</param>
/// <param name="Detail">A short PII-free explanation.</param>
/// <param name="PreviousHash">The previous entry's <see cref="Hash"/>, or <see cref="AuditChain.GenesisHash"/> for the first.</param>
/// <param name="Hash">Lower-case hex SHA-256 of this entry's canonical encoding.</param>
public sealed record AuditEntry(
    long Sequence,
    string RecordedAt,
    string Actor,
    string Action,
    string Outcome,
    string? Resource,
    string? Purpose,
    string? Detail,
    string PreviousHash,
    string Hash);
