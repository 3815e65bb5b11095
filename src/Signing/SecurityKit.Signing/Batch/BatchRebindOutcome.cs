namespace SecurityKit.Signing.Batch;

/// <summary>The store's answer to <see cref="IBatchJobStore.RebindSessionAsync"/>.</summary>
public enum BatchRebindOutcome
{
    /// <summary>The session is now bound to the new certificate (and the change recorded).</summary>
    Rebound,

    /// <summary>Refused: the signatory already signed documents of the batch with the bound certificate, and the caller
    /// did not ask to keep them.</summary>
    SignaturesMade,

    /// <summary>Refused: another worker holds an unexpired claim on a step of the signatory (a session is signing now).</summary>
    SessionActive,
}
