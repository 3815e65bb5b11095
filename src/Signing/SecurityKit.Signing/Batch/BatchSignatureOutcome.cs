namespace SecurityKit.Signing.Batch;

/// <summary>
/// The device's answer for one signature of a session (<see cref="IPerSignatureBatchDevice"/>): a value, a refusal
/// that fails that document with its reason, or not attempted (the session stopped first; the document stays pending).
/// </summary>
public sealed record BatchSignatureOutcome
{
    private BatchSignatureOutcome(byte[]? value, string? reason, bool attempted)
    {
        Value = value;
        Reason = reason;
        Attempted = attempted;
    }

    /// <summary>The signature value, when made.</summary>
    public byte[]? Value { get; }

    /// <summary>Why the signature was refused or not attempted.</summary>
    public string? Reason { get; }

    /// <summary>False when the session stopped before this signature (the document stays pending).</summary>
    public bool Attempted { get; }

    /// <summary>A signature made.</summary>
    /// <param name="value">The signature value.</param>
    /// <returns>The outcome.</returns>
    public static BatchSignatureOutcome Made(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, null, attempted: true);
    }

    /// <summary>A signature the device refused (the PIN was refused or is locked): the document fails with the reason.</summary>
    /// <param name="reason">Why (never the PIN).</param>
    /// <returns>The outcome.</returns>
    public static BatchSignatureOutcome Refused(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason, attempted: true);
    }

    /// <summary>A signature not attempted because the session stopped (the signatory declined, an earlier PIN was
    /// refused): the document stays pending.</summary>
    /// <param name="reason">Why the session stopped.</param>
    /// <returns>The outcome.</returns>
    public static BatchSignatureOutcome NotAttempted(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason, attempted: false);
    }
}
