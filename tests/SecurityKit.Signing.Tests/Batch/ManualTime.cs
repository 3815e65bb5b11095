namespace SecurityKit.Signing.Tests.Batch;

/// <summary>A clock the test moves by hand (claims' leases).</summary>
internal sealed class ManualTime : TimeProvider
{
    private DateTimeOffset now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
