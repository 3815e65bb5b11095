namespace SecurityKit.Detection.Pii.Operators;

/// <summary>A text contained a type the caller's policy blocks; the call was refused and nothing was sent.</summary>
public sealed class PiiBlockedException : SecurityKitException
{
    /// <summary>Creates the error; it names the types and counts, never the values.</summary>
    /// <param name="counts">How many entities of each blocked type were found.</param>
    public PiiBlockedException(IReadOnlyDictionary<PiiEntityType, int> counts)
        : base($"the policy blocks {string.Join(", ", counts.Select(c => $"{c.Value} {c.Key.ToName()}"))}", "prompt")
    {
        Counts = counts;
    }

    /// <summary>Blocked types found, with their counts.</summary>
    public IReadOnlyDictionary<PiiEntityType, int> Counts { get; }
}
