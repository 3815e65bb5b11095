using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Timestamps;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// Batch signing for a decision portal (DESIGN.md "The signing flow"): batches are kept in an
/// <see cref="IBatchJobStore"/>; for each signatory, step 1 runs for every document due, the device makes every
/// signature value in one activation where it allows (<see cref="SignAsync"/>), or an external signer gets the data
/// to sign and sends the values back (<see cref="GetDataToSignAsync"/>, <see cref="SubmitSignatureValuesAsync"/>), and
/// step 3 assembles each document.
/// </summary>
/// <remarks>
/// Crash safety: a step's output is written to a temporary file in <c>out/.work</c>, flushed to disk, renamed to the
/// step file <c>out/.work/&lt;id&gt;.&lt;n&gt;.pdf</c> (or <c>.p7s</c>), and only then marked signed in the store
/// (compare and set from pending, so a cancel or reject that came first wins). A crash before the mark re-does the
/// step from version n−1, overwriting the step file: no signature is ever applied twice. <c>out/&lt;id&gt;.pdf</c>
/// appears (by rename) only when every due signature is marked. Steps are claimed in the store before they are
/// worked on, so two workers (or two runs) never sign the same step.
/// </remarks>
public sealed partial class BatchService
{
    private const int ClaimAll = 1_000_000;
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private readonly IBatchJobStore store;
    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly IReadOnlyList<IBatchEventSink> sinks;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The job store.</param>
    /// <param name="httpClient">HTTP client for the TSA and revocation data; a private one when null.</param>
    /// <param name="eventSinks">Where status changes go besides <see cref="Events"/> (e.g. a <see cref="WebhookBatchEventSink"/>).</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    public BatchService(IBatchJobStore store, HttpClient? httpClient = null, IEnumerable<IBatchEventSink>? eventSinks = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
        http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        time = timeProvider ?? TimeProvider.System;
        sinks = eventSinks?.ToList() ?? [];
    }

    /// <summary>The in-process stream of every status change this service stores.</summary>
    public BatchEventHub Events { get; } = new();

    /// <summary>This worker's id in the store's claims (unique per service instance).</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>How long a device run's claims hold if this worker dies.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the documents handed to an external signer stay reserved for its signature values.</summary>
    public TimeSpan ExternalClaimLease { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Receives each phase of a signatory session (per document: prepared, writing, written; per session:
    /// device signed), or null. Called synchronously; keep it fast.</summary>
    public IProgress<BatchProgress>? Progress { get; init; }

    /// <summary>Documents prepared and assembled at once (the device itself is always one session).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Creates a batch, or replaces its definition (documents added, a signatory's name changed): steps already in the
    /// store keep their status, new ones start pending.
    /// </summary>
    /// <param name="batchId">Batch id: 1–100 characters from letters, digits, '.', '-' and '_'.</param>
    /// <param name="batch">The batch; its <see cref="SigningBatch.OutputFolder"/> must be the batch's own folder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="SecurityKitException">The id or the batch is invalid.</exception>
    public async Task SaveAsync(string batchId, SigningBatch batch, CancellationToken cancellationToken = default)
    {
        CheckId(batchId);
        ArgumentNullException.ThrowIfNull(batch);
        batch.Check();
        await store.SaveBatchAsync(batchId, batch.ToDefinitionJson(), cancellationToken).ConfigureAwait(false);
        await store.EnsureStepsAsync(batchId, batch.Documents.SelectMany(d => batch.DueSignatories(d).Select((s, n) => new BatchStep(d.Id, s.Id, n, BatchStepStatus.Pending, null))), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds documents to a batch (their ids must be new).</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="documents">The documents.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="SecurityKitException">Unknown batch, duplicate id, or a document nobody signs under the policy.</exception>
    public async Task AddDocumentsAsync(string batchId, IEnumerable<BatchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var updated = new SigningBatch
        {
            Documents = [.. batch.Documents, .. documents],
            Signatories = batch.Signatories,
            Policy = batch.Policy,
            Appearances = batch.Appearances,
            Level = batch.Level,
            TimestampAuthority = batch.TimestampAuthority,
            OutputFolder = batch.OutputFolder,
            StorePath = batch.StorePath,
        };
        await SaveAsync(batchId, updated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored definition of a batch.</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="BatchNotFoundException">No such batch.</exception>
    public async Task<SigningBatch> GetBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        CheckId(batchId);
        var definition = await store.LoadBatchAsync(batchId, cancellationToken).ConfigureAwait(false)
            ?? throw new BatchNotFoundException("no such batch", $"batch {batchId}");
        return SigningBatch.Parse(Utf8.GetBytes(definition), Path.GetTempPath());
    }

    /// <summary>
    /// Each document's status (signed only when the complete output is in the output folder) and every step. A
    /// document whose steps are all signed but whose output was not yet moved into place (a crash in between) is
    /// completed here.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    public async Task<BatchStatus> GetStatusAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var steps = await store.GetStepsAsync(batchId, cancellationToken).ConfigureAwait(false);
        var byDocument = steps.ToLookup(s => s.Document);
        var documents = batch.Documents.Select(d => Outcome(batch, d, byDocument[d.Id].ToList(), finalize: true)).ToList();
        return new BatchStatus(batchId, documents, steps);
    }

    /// <summary>A signatory rejects a document, with a reason: that document is not signed further; the others go on.</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="document">Document id.</param>
    /// <param name="signatory">The rejecting signatory.</param>
    /// <param name="reason">Why (shown to the portal; no personal data, at most 500 characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="SecurityKitException">No such step, or the step is already signed, rejected or cancelled.</exception>
    public async Task RejectAsync(string batchId, string document, string signatory, string reason, CancellationToken cancellationToken = default)
    {
        CheckReason(reason);
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var step = (await store.GetStepsAsync(batchId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Document == document && s.Signatory == signatory)
            ?? throw new BatchNotFoundException("the signatory has no signature due on this document", $"batch {batchId}, document {document}");
        if (step.Status is not (BatchStepStatus.Pending or BatchStepStatus.Failed)
            || !await store.TransitionAsync(batchId, document, signatory, step.Status, BatchStepStatus.Rejected, reason, cancellationToken).ConfigureAwait(false))
        {
            throw new SecurityKitException($"the signature is already {Name(step.Status)}; only a pending one can be rejected", $"batch {batchId}, document {document}");
        }

        await PublishChangesAsync(batchId, batch, [step with { Status = BatchStepStatus.Rejected, Error = reason }], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels a document, or the whole batch when <paramref name="document"/> is null: every pending or failed
    /// signature of it becomes cancelled (signatures already made stay; a signature being made right now is discarded
    /// instead of being marked).
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="document">Document id, or null for the batch.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of signatures cancelled.</returns>
    public async Task<int> CancelAsync(string batchId, string? document, string reason, CancellationToken cancellationToken = default)
    {
        CheckReason(reason);
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (document is not null && batch.Documents.All(d => d.Id != document))
        {
            throw new BatchNotFoundException("no such document in the batch", $"batch {batchId}, document {document}");
        }

        var changed = new List<BatchStep>();
        changed.AddRange(await store.TransitionAllAsync(batchId, document, BatchStepStatus.Pending, BatchStepStatus.Cancelled, reason, cancellationToken).ConfigureAwait(false));
        changed.AddRange(await store.TransitionAllAsync(batchId, document, BatchStepStatus.Failed, BatchStepStatus.Cancelled, reason, cancellationToken).ConfigureAwait(false));
        await PublishChangesAsync(batchId, batch, changed, cancellationToken).ConfigureAwait(false);
        return changed.Count;
    }

    /// <summary>Sets the batch's failed signatures back to pending, so that the next run retries them (the cause — a TSA
    /// outage, a fixed file — may be gone).</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of signatures to retry.</returns>
    public async Task<int> RetryFailedAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var changed = await store.TransitionAllAsync(batchId, null, BatchStepStatus.Failed, BatchStepStatus.Pending, null, cancellationToken).ConfigureAwait(false);
        await PublishChangesAsync(batchId, batch, changed, cancellationToken).ConfigureAwait(false);
        return changed.Count;
    }

    /// <summary>
    /// Rebinds a signatory to another certificate (a renewed eID card, a user who first picked the wrong certificate).
    /// Within a session a certificate change stays refused (<see cref="BatchCertificateChangedException"/>); this is the
    /// explicit operation: allowed while none of the signatory's documents is signed in the batch, so that all its
    /// signatures still carry one certificate; after signatures were made only with
    /// <paramref name="keepSignedDocuments"/> — a documented reset: the documents signed keep their signatures by the
    /// previous certificate and the remaining ones are signed with the new one. Refused while a device session of the
    /// signatory is signing (its claims are held); data to sign handed to an external signer for the previous
    /// certificate are dropped (its values are then refused). The change is stored (previous and new certificate
    /// hashes, reason, time) and published as a <see cref="BatchEventKind.SignatoryRebound"/> event for each document
    /// still due for the signatory.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="signatory">Signatory id.</param>
    /// <param name="certificate">The new certificate.</param>
    /// <param name="reason">Why (recorded and published; no personal data, at most 500 characters).</param>
    /// <param name="keepSignedDocuments">Rebind even though documents are already signed with the previous certificate.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when rebound, false when the session was already bound to this certificate.</returns>
    /// <exception cref="BatchNotFoundException">No such batch or signatory.</exception>
    /// <exception cref="SecurityKitException">Refused: documents already signed (without <paramref name="keepSignedDocuments"/>),
    /// or a session of the signatory is signing now.</exception>
    public async Task<bool> RebindSignatoryAsync(string batchId, string signatory, X509Certificate2 certificate, string reason, bool keepSignedDocuments = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        CheckReason(reason);
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        _ = Signatory(batch, batchId, signatory);
        _ = AlgorithmFor(certificate);
        var hash = Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span));
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var where = $"batch {batchId}, signatory {signatory}";
        var current = await store.OpenSessionAsync(batchId, signatory, hash, now, renewSigningTime: false, cancellationToken).ConfigureAwait(false);
        if (current.CertificateSha256 == hash)
        {
            return false;
        }

        switch (await store.RebindSessionAsync(batchId, signatory, hash, now, reason, keepSignedDocuments, ExternalWorker(signatory), cancellationToken).ConfigureAwait(false))
        {
            case BatchRebindOutcome.SignaturesMade:
                throw new SecurityKitException("the signatory already signed documents of this batch with the bound certificate; rebinding would mix two certificates (rebind for the remaining documents only by keeping the signed ones)", where);
            case BatchRebindOutcome.SessionActive:
                throw new SecurityKitException("a signing session of this signatory is in progress; rebind once it has ended", where);
        }

        var steps = await store.GetStepsAsync(batchId, cancellationToken).ConfigureAwait(false);
        var byDocument = steps.ToLookup(s => s.Document);
        foreach (var step in steps.Where(s => s.Signatory == signatory && s.Status is BatchStepStatus.Pending or BatchStepStatus.Failed))
        {
            var outcome = Outcome(batch, batch.Documents.FirstOrDefault(d => d.Id == step.Document), byDocument[step.Document].ToList(), finalize: false);
            await PublishAsync(new BatchEvent(batchId, step.Document, signatory, step.Status, outcome.Status, outcome.Signatures, reason, time.GetUtcNow()) { Kind = BatchEventKind.SignatoryRebound }, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Signs every document due now for <paramref name="signatory"/> with <paramref name="device"/> in one session:
    /// step 1 for all of them, one <see cref="IBatchSigningDevice.SignAllAsync"/> call (one activation for a
    /// per-session device), step 3 for each. A document that fails (corrupt, TSA down) fails alone with its reason.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="signatory">Signatory id.</param>
    /// <param name="device">The signatory's device.</param>
    /// <param name="cancellationToken">Stops between documents; what is marked stays marked.</param>
    /// <returns>The outcome of each document this call worked on.</returns>
    /// <exception cref="BatchCertificateChangedException">The device's certificate is not the session's.</exception>
    /// <exception cref="SecurityKitException">The device failed; the documents stay pending.</exception>
    public async Task<IReadOnlyList<BatchDocumentResult>> SignAsync(string batchId, string signatory, IBatchSigningDevice device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var who = Signatory(batch, batchId, signatory);
        var session = await OpenSessionAsync(batchId, signatory, device.Certificate, renew: true, cancellationToken).ConfigureAwait(false);
        // Each call claims under its own name: the store treats steps claimed under the same name as the caller's own,
        // so two concurrent calls of one service (two requests on one API node) would otherwise take each other's steps
        // and delete each other's temporary outputs (RemoveStaleTemporaries below).
        var claimant = $"{WorkerId}/{Guid.NewGuid():N}";
        var claimed = await store.ClaimAsync(batchId, signatory, claimant, ClaimAll, ClaimLease, cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return [];
        }

        // A rebind that committed between the session check and the claim wins: the claim is dropped and this
        // session, bound to the previous certificate, refused (RebindSignatoryAsync refuses while claims are held).
        var bound = await store.OpenSessionAsync(batchId, signatory, session.CertificateSha256, session.SigningTime, renewSigningTime: false, cancellationToken).ConfigureAwait(false);
        if (bound.CertificateSha256 != session.CertificateSha256)
        {
            foreach (var step in claimed)
            {
                await store.TransitionAsync(batchId, step.Document, step.Signatory, BatchStepStatus.Pending, BatchStepStatus.Pending, null, CancellationToken.None).ConfigureAwait(false);
            }

            throw new BatchCertificateChangedException(batchId, signatory);
        }

        RemoveStaleTemporaries(batch, claimed);

        var signer = new StepSigner(this, batchId, batch, who, device.Certificate, device.CertificateChain, device.Algorithm, session.SigningTime) { Claimant = claimant };
        return await signer.RunAsync(claimed, device is IPerSignatureBatchDevice stepwise ? stepwise.SignEachAsync : AllOrNothing(device), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs (or resumes) the whole batch in this process: failed signatures are retried, stale temporary files of an
    /// earlier killed run are deleted, then each signatory in order signs with its device. The caller must be the
    /// only runner of this batch (the CLI holds a lock on the store for that).
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="devices">The device of each signatory.</param>
    /// <param name="cancellationToken">Stops between documents.</param>
    /// <returns>Each document's outcome, in definition order.</returns>
    public async Task<IReadOnlyList<BatchDocumentResult>> RunAsync(string batchId, Func<BatchSignatory, IBatchSigningDevice> devices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var work = WorkFolder(batch);
        Directory.CreateDirectory(work);
        foreach (var stale in Directory.EnumerateFiles(work, ".*.tmp"))
        {
            File.Delete(stale);
        }

        await store.ReleaseClaimsAsync(batchId, null, cancellationToken).ConfigureAwait(false);
        await RetryFailedAsync(batchId, cancellationToken).ConfigureAwait(false);
        foreach (var signatory in batch.Signatories)
        {
            await SignAsync(batchId, signatory.Id, devices(signatory), cancellationToken).ConfigureAwait(false);
        }

        return (await GetStatusAsync(batchId, cancellationToken).ConfigureAwait(false)).Documents;
    }

    /// <summary>
    /// Step 1 of the three-step flow for an external signer (eID card in a browser, desktop app): binds the
    /// signatory's session to <paramref name="certificate"/> (a later call with another certificate is refused),
    /// reserves the documents due now and returns what to sign for each. Calling it again returns the same data (the
    /// session's signing time is kept), so a client may retry.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="signatory">Signatory id.</param>
    /// <param name="certificate">The signer's certificate (no private key needed).</param>
    /// <param name="chain">Certificates towards a trust anchor.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The data to sign and how many activations (PINs) the client must collect.</returns>
    /// <exception cref="BatchCertificateChangedException">The certificate is not the session's.</exception>
    public async Task<BatchSigningRequest> GetDataToSignAsync(string batchId, string signatory, X509Certificate2 certificate, IReadOnlyList<X509Certificate2>? chain = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var who = Signatory(batch, batchId, signatory);
        var session = await OpenSessionAsync(batchId, signatory, certificate, renew: false, cancellationToken).ConfigureAwait(false);
        var claimed = await store.ClaimAsync(batchId, signatory, ExternalWorker(signatory), ClaimAll, ExternalClaimLease, cancellationToken).ConfigureAwait(false);
        var signer = new StepSigner(this, batchId, batch, who, certificate, chain ?? [], AlgorithmFor(certificate), session.SigningTime);
        var items = await signer.DataToSignAsync(claimed, cancellationToken).ConfigureAwait(false);
        var activations = who.Activation == BatchActivation.PerSignature ? items.Count : Math.Min(1, items.Count);
        return new BatchSigningRequest(batchId, signatory, who.Activation, activations, session.SigningTime, items);
    }

    /// <summary>
    /// Step 3 of the three-step flow: the signature values of an external signer, per document id. Each value is
    /// checked against the rebuilt data to sign and the certificate; a wrong value is refused for that document (it
    /// stays pending) and the others are assembled.
    /// </summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="signatory">Signatory id.</param>
    /// <param name="certificate">The session's certificate (as given to <see cref="GetDataToSignAsync"/>).</param>
    /// <param name="chain">Certificates towards a trust anchor.</param>
    /// <param name="signatureValues">Document id → signature value over that document's data to sign.</param>
    /// <param name="cancellationToken">Stops between documents.</param>
    /// <returns>The outcome of each submitted document; <see cref="BatchDocumentResult.Error"/> says why a value was refused.</returns>
    /// <exception cref="BatchCertificateChangedException">The certificate is not the session's.</exception>
    public async Task<IReadOnlyList<BatchDocumentResult>> SubmitSignatureValuesAsync(string batchId, string signatory, X509Certificate2 certificate, IReadOnlyList<X509Certificate2>? chain, IReadOnlyDictionary<string, byte[]> signatureValues, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(signatureValues);
        var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        var who = Signatory(batch, batchId, signatory);
        var session = await OpenSessionAsync(batchId, signatory, certificate, renew: false, cancellationToken).ConfigureAwait(false);
        var steps = await store.GetStepsAsync(batchId, cancellationToken).ConfigureAwait(false);
        var byDocument = steps.ToLookup(s => s.Document);
        var due = new List<BatchStep>();
        var refused = new List<BatchDocumentResult>();
        foreach (var (document, _) in signatureValues)
        {
            var documentSteps = byDocument[document].ToList();
            var step = documentSteps.FirstOrDefault(s => s.Signatory == signatory);
            if (step is null || step.Status != BatchStepStatus.Pending || documentSteps.Any(s => s.Sequence < step.Sequence && s.Status != BatchStepStatus.Signed))
            {
                var outcome = Outcome(batch, batch.Documents.FirstOrDefault(d => d.Id == document), documentSteps, finalize: false);
                refused.Add(outcome with { Error = "no signature of this signatory is due on this document now" });
                continue;
            }

            due.Add(step);
        }

        var signer = new StepSigner(this, batchId, batch, who, certificate, chain ?? [], AlgorithmFor(certificate), session.SigningTime);
        var results = await signer.RunAsync(due, (requests, _) => Task.FromResult<IReadOnlyList<BatchSignatureOutcome>>(requests.Select(r => BatchSignatureOutcome.Made(signatureValues[r.Document])).ToList()), cancellationToken).ConfigureAwait(false);
        return [.. results, .. refused];
    }

    internal static string WorkFolder(SigningBatch batch) => Path.Combine(batch.OutputFolder, ".work");

    internal static bool IsPdf(string path)
    {
        if (!File.Exists(path))
        {
            return path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);
        }

        Span<byte> header = stackalloc byte[5];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        return stream.ReadAtLeast(header, 5, throwOnEndOfStream: false) == 5 && header.SequenceEqual("%PDF-"u8);
    }

    internal static string Extension(BatchDocument document) => IsPdf(document.Path) ? ".pdf" : ".p7s";

    internal static string StepFile(SigningBatch batch, BatchDocument document, int n, string extension) => Path.Combine(WorkFolder(batch), $"{document.Id}.{n}{extension}");

    /// <summary>A new temporary output for version <paramref name="n"/> of a document: <c>out/.work/.&lt;id&gt;.&lt;n&gt;.&lt;32 hex&gt;.tmp</c>.</summary>
    internal static string TemporaryFile(SigningBatch batch, BatchDocument document, int n) => Path.Combine(WorkFolder(batch), $".{document.Id}.{n}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Deletes the temporary outputs that a dead worker left for the steps this worker has just claimed (a process
    /// killed while writing never deletes its temporary file). Holding the claim makes it safe: a step is claimed by
    /// one worker at a time, and another worker's claim is taken over only once its lease expired, i.e. that worker is
    /// dead or has stopped; temporary files of steps claimed by a live worker are not touched. (A run of the whole
    /// batch, <see cref="RunAsync"/>, deletes them all: the caller is its only runner.)
    /// </summary>
    internal static int RemoveStaleTemporaries(SigningBatch batch, IReadOnlyList<BatchStep> claimed)
    {
        var work = WorkFolder(batch);
        if (!Directory.Exists(work))
        {
            return 0;
        }

        var mine = claimed.Select(s => (s.Document, s.Sequence + 1)).ToHashSet();
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(work, ".*.tmp"))
        {
            // .<id>.<n>.<guid>.tmp; the id may contain dots, the two last fields cannot, so the parse is unique.
            var match = TemporaryName().Match(Path.GetFileName(file));
            if (match.Success && int.TryParse(match.Groups["n"].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                && mine.Contains((match.Groups["id"].Value, n)))
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }

    internal static string FinalFile(SigningBatch batch, BatchDocument document, string extension) => Path.Combine(batch.OutputFolder, document.Id + extension);

    internal static string Name(BatchStepStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A document's outcome from its steps; completes its output when every step is signed.</summary>
    internal static BatchDocumentResult Outcome(SigningBatch batch, BatchDocument? document, IReadOnlyList<BatchStep> steps, bool finalize)
    {
        var id = document?.Id ?? (steps.Count > 0 ? steps[0].Document : string.Empty);
        var signed = steps.Count(s => s.Status == BatchStepStatus.Signed);
        foreach (var status in (BatchStepStatus[])[BatchStepStatus.Rejected, BatchStepStatus.Cancelled, BatchStepStatus.Failed])
        {
            if (steps.FirstOrDefault(s => s.Status == status) is { } problem)
            {
                return new BatchDocumentResult(id, status, signed, problem.Error);
            }
        }

        if (document is null || steps.Count == 0 || signed < steps.Count)
        {
            return new BatchDocumentResult(id, BatchStepStatus.Pending, signed, null);
        }

        var extension = Extension(document);
        var final = FinalFile(batch, document, extension);
        if (finalize)
        {
            // Rename (atomic on one file system) once complete; a final output already in place is never replaced
            // (a step file left beside it is stale). The earlier versions are no longer needed.
            var last = StepFile(batch, document, signed, extension);
            if (!File.Exists(final) && File.Exists(last))
            {
                File.Move(last, final);
            }

            for (var n = 1; n <= signed; n++)
            {
                File.Delete(StepFile(batch, document, n, extension));
            }
        }

        return File.Exists(final)
            ? new BatchDocumentResult(id, BatchStepStatus.Signed, signed, null)
            : new BatchDocumentResult(id, BatchStepStatus.Failed, signed, "the signed output is missing from the output folder");
    }

    internal async Task PublishChangesAsync(string batchId, SigningBatch batch, IReadOnlyList<BatchStep> changed, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var steps = (await store.GetStepsAsync(batchId, cancellationToken).ConfigureAwait(false)).ToLookup(s => s.Document);
        foreach (var step in changed)
        {
            var outcome = Outcome(batch, batch.Documents.FirstOrDefault(d => d.Id == step.Document), steps[step.Document].ToList(), finalize: false);
            await PublishAsync(new BatchEvent(batchId, step.Document, step.Signatory, step.Status, outcome.Status, outcome.Signatures, step.Error, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task PublishAsync(BatchEvent batchEvent, CancellationToken cancellationToken)
    {
        await Events.PublishAsync(batchEvent, cancellationToken).ConfigureAwait(false);
        foreach (var sink in sinks)
        {
            await sink.PublishAsync(batchEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    internal IBatchJobStore Store => store;

    internal HttpClient Http => http;

    internal TimeProvider Time => time;

    private static string ExternalWorker(string signatory) => "external:" + signatory;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\.(?<id>.+)\.(?<n>[0-9]+)\.[0-9a-f]{32}\.tmp$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex TemporaryName();

    private static Func<IReadOnlyList<BatchSignatureRequest>, CancellationToken, Task<IReadOnlyList<BatchSignatureOutcome>>> AllOrNothing(IBatchSigningDevice device) =>
        async (requests, cancellationToken) => (await device.SignAllAsync(requests, cancellationToken).ConfigureAwait(false)).Select(BatchSignatureOutcome.Made).ToList();

    private static SignatureAlgorithm AlgorithmFor(X509Certificate2 certificate)
    {
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            return ec.KeySize == 256
                ? SignatureAlgorithm.EcdsaSha256
                : throw new SecurityKitException("batch signatures use SHA-256: an EC certificate must be on P-256", "certificate");
        }

        using var rsa = certificate.GetRSAPublicKey();
        return rsa is not null
            ? SignatureAlgorithm.RsaPkcs1Sha256
            : throw new SecurityKitException("the certificate's key is neither RSA nor ECDSA", "certificate");
    }

    private static BatchSignatory Signatory(SigningBatch batch, string batchId, string signatory) =>
        batch.Signatories.FirstOrDefault(s => s.Id == signatory)
        ?? throw new BatchNotFoundException("no such signatory in the batch", $"batch {batchId}, signatory {signatory}");

    private static void CheckId(string batchId)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        if (batchId.Length is 0 or > 100 || !batchId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new SecurityKitException("a batch id has 1 to 100 letters, digits, '.', '-' or '_'", "batch id");
        }
    }

    private static void CheckReason(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw new SecurityKitException("a reason of 1 to 500 characters is needed", "reason");
        }
    }

    private async Task<BatchSignatorySession> OpenSessionAsync(string batchId, string signatory, X509Certificate2 certificate, bool renew, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span));
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var session = await store.OpenSessionAsync(batchId, signatory, hash, now, renew, cancellationToken).ConfigureAwait(false);
        return session.CertificateSha256 == hash ? session : throw new BatchCertificateChangedException(batchId, signatory);
    }
}
