namespace SecurityKit.Signing.Batch;

/// <summary>Where a signatory session is (for progress displays and for crash tests that stop a run at each point).</summary>
public enum BatchPhase
{
    /// <summary>Step 1 done for a document: its data to sign is ready.</summary>
    Prepared,

    /// <summary>The device made every signature value of the session.</summary>
    DeviceSigned,

    /// <summary>Step 3 is writing a document's new version (a temporary file).</summary>
    Writing,

    /// <summary>The new version is on disk under its step name; the store is not yet updated.</summary>
    Written,
}

/// <summary>A progress point of a signatory session.</summary>
/// <param name="BatchId">Batch id.</param>
/// <param name="Signatory">Signatory id.</param>
/// <param name="Phase">The phase reached.</param>
/// <param name="Document">The document, or null for <see cref="BatchPhase.DeviceSigned"/>.</param>
public sealed record BatchProgress(string BatchId, string Signatory, BatchPhase Phase, string? Document);
