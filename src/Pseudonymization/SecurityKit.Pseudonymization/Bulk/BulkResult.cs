namespace SecurityKit.Pseudonymization.Bulk;

/// <summary>Counts of a bulk run.</summary>
/// <param name="Processed">Identifiers read.</param>
/// <param name="Invalid">Invalid identifiers skipped or marked.</param>
public readonly record struct BulkResult(long Processed, long Invalid);
