namespace SecurityKit.Signing.Batch;

/// <summary>
/// Durable status of signing batches: each batch's definition (the manifest JSON, without secrets), one row per due
/// (document, signatory) step, and one session per signatory. A step is marked signed only after its output is on
/// disk, so a crash never loses a signature nor applies one twice. Implementations: <see cref="SqliteBatchJobStore"/>
/// (embedded default) and <see cref="PostgresBatchJobStore"/> (several workers share a batch through
/// <c>FOR UPDATE SKIP LOCKED</c> claims). Every method is one transaction.
/// </summary>
public interface IBatchJobStore : IAsyncDisposable
{
    /// <summary>Stores (or replaces) a batch's definition.</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="definition">The definition (manifest JSON with absolute paths and no passwords).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SaveBatchAsync(string batchId, string definition, CancellationToken cancellationToken = default);

    /// <summary>A batch's definition, or null when the batch is unknown.</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The definition or null.</returns>
    Task<string?> LoadBatchAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>Adds the steps not known yet, in the order given (known steps keep their status).</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="steps">The due steps.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task EnsureStepsAsync(string batchId, IEnumerable<BatchStep> steps, CancellationToken cancellationToken = default);

    /// <summary>All steps of a batch, in the order they were added.</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The steps.</returns>
    Task<IReadOnlyList<BatchStep>> GetStepsAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a step's status to <paramref name="status"/> only if it is <paramref name="expected"/> now (compare and set), and
    /// drops its claim. A signed mark that loses against a cancel or reject therefore never overwrites it.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="document">Document id.</param>
    /// <param name="signatory">Signatory id.</param>
    /// <param name="expected">The status the step must have.</param>
    /// <param name="status">The new status.</param>
    /// <param name="reason">Reason when failed, rejected or cancelled.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the step changed.</returns>
    Task<bool> TransitionAsync(string batchId, string document, string signatory, BatchStepStatus expected, BatchStepStatus status, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Several compare-and-set transitions (as <see cref="TransitionAsync"/>) in one transaction: a group commit, so
    /// that many steps cost one durable write. The default runs them one by one.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="steps">The steps (document and signatory are used).</param>
    /// <param name="expected">The status each step must have.</param>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>For each step, in order, whether it changed.</returns>
    async Task<IReadOnlyList<bool>> TransitionManyAsync(string batchId, IReadOnlyList<BatchStep> steps, BatchStepStatus expected, BatchStepStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var changed = new bool[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            changed[i] = await TransitionAsync(batchId, steps[i].Document, steps[i].Signatory, expected, status, null, cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    /// <summary>
    /// Sets every step of the batch (or of one document) that is <paramref name="expected"/> to <paramref name="status"/>, and
    /// returns the steps that changed (with their new status).
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="document">A document id, or null for the whole batch.</param>
    /// <param name="expected">The status the steps must have.</param>
    /// <param name="status">The new status.</param>
    /// <param name="reason">Reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed steps.</returns>
    Task<IReadOnlyList<BatchStep>> TransitionAllAsync(string batchId, string? document, BatchStepStatus expected, BatchStepStatus status, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> of the signatory's pending steps whose earlier steps are all signed and that
    /// no other worker holds (or whose claim expired), for <paramref name="lease"/>. Two workers never get the same
    /// step; a second concurrent run of a batch therefore finds nothing that the first one is signing.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="signatory">Signatory id.</param>
    /// <param name="worker">The claiming worker's id.</param>
    /// <param name="limit">Most steps to claim.</param>
    /// <param name="lease">How long the claim holds when the worker dies.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed steps, in the order they were added.</returns>
    Task<IReadOnlyList<BatchStep>> ClaimAsync(string batchId, string signatory, string worker, int limit, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Drops the claims of <paramref name="worker"/> (or every claim of the batch when null).</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="worker">Worker id, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task ReleaseClaimsAsync(string batchId, string? worker, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the signatory's session, or returns the open one: the first call binds the session to
    /// <paramref name="certificateSha256"/> and <paramref name="signingTime"/>; later calls with the same certificate
    /// get the stored session (its signing time replaced when <paramref name="renewSigningTime"/>). A call with another
    /// certificate changes nothing and returns the stored session, so the caller can refuse the change.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="signatory">Signatory id.</param>
    /// <param name="certificateSha256">Hex SHA-256 of the certificate.</param>
    /// <param name="signingTime">Signing time for a new session.</param>
    /// <param name="renewSigningTime">Whether an open session with the same certificate takes the new signing time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session as stored.</returns>
    Task<BatchSignatorySession> OpenSessionAsync(string batchId, string signatory, string certificateSha256, DateTimeOffset signingTime, bool renewSigningTime, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rebinds the signatory's session to another certificate, in one transaction: refused when the signatory already
    /// has signed steps (unless <paramref name="keepSignedSteps"/>) or when a worker other than
    /// <paramref name="externalWorker"/> holds an unexpired claim on one of its steps; otherwise the session takes the
    /// new certificate and signing time, the claims of <paramref name="externalWorker"/> (data to sign handed out for
    /// the old certificate) are dropped, and the change is recorded (previous and new certificate, reason, time).
    /// Creates the session when there is none.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="signatory">Signatory id.</param>
    /// <param name="certificateSha256">Hex SHA-256 of the new certificate.</param>
    /// <param name="signingTime">The session's new signing time.</param>
    /// <param name="reason">Why (recorded).</param>
    /// <param name="keepSignedSteps">Rebind even though some steps are signed with the previous certificate.</param>
    /// <param name="externalWorker">The worker id under which an external signer's documents are reserved.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the session was rebound, or why not.</returns>
    Task<BatchRebindOutcome> RebindSessionAsync(string batchId, string signatory, string certificateSha256, DateTimeOffset signingTime, string reason, bool keepSignedSteps, string externalWorker, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("this job store cannot rebind a signatory's session");
}
