namespace SecurityKit.Signing.Batch;

/// <summary>
/// Durable status of a batch: one row per due (document, signatory). A step is marked signed only after its output
/// file is durably in place, so a crash between the two re-does the step from the previous version.
/// </summary>
public interface IBatchJobStore : IDisposable
{
    /// <summary>Adds the steps not known yet (known steps keep their status).</summary>
    /// <param name="steps">The due steps.</param>
    void Ensure(IEnumerable<BatchStep> steps);

    /// <summary>All steps of the batch.</summary>
    /// <returns>The steps.</returns>
    IReadOnlyList<BatchStep> Steps();

    /// <summary>Sets a step's status in one transaction.</summary>
    /// <param name="document">Document id.</param>
    /// <param name="signatory">Signatory id.</param>
    /// <param name="status">New status.</param>
    /// <param name="reason">Reason when failed or rejected.</param>
    void Mark(string document, string signatory, BatchStepStatus status, string? reason = null);
}
