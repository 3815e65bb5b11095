namespace SecurityKit.Audit;

/// <summary>The result of checking an audit log's hash chain.</summary>
/// <param name="IsIntact">True when every entry is unchanged, in place, and the chain reaches the expected head.</param>
/// <param name="EntriesChecked">How many entries were read.</param>
/// <param name="HeadSequence">The last entry's sequence number (0 for an empty log).</param>
/// <param name="HeadHash">The last entry's hash (the genesis hash for an empty log); keep it outside the log to detect a truncated tail later.</param>
/// <param name="FirstBadSequence">The sequence number of the first entry that fails, or null when intact.</param>
/// <param name="Problem">What is wrong with that entry, or null when intact.</param>
public sealed record AuditChainReport(
    bool IsIntact,
    long EntriesChecked,
    long HeadSequence,
    string HeadHash,
    long? FirstBadSequence,
    string? Problem);
