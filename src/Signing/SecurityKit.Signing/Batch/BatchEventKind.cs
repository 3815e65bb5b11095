namespace SecurityKit.Signing.Batch;

/// <summary>What a <see cref="BatchEvent"/> reports.</summary>
public enum BatchEventKind
{
    /// <summary>A step's status changed (signed, failed, rejected, cancelled, back to pending).</summary>
    StatusChanged,

    /// <summary>The signatory's session was rebound to another certificate (<see cref="BatchService.RebindSignatoryAsync"/>);
    /// one event per document still due for that signatory, the reason in <see cref="BatchEvent.Reason"/>.</summary>
    SignatoryRebound,
}
