using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Timestamps;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// Steps 1 and 3 for one signatory session over claimed steps, with the crash-safe write of each step's output
/// (temporary file → fsync → rename → compare-and-set mark). See <see cref="BatchService"/>.
/// </summary>
internal sealed class StepSigner(
    BatchService service,
    string batchId,
    SigningBatch batch,
    BatchSignatory signatory,
    X509Certificate2 certificate,
    IReadOnlyList<X509Certificate2> chain,
    SignatureAlgorithm algorithm,
    DateTimeOffset signingTime)
{
    /// <summary>The name this run's claims were taken under (one per <see cref="BatchService.SignAsync"/> call), so a
    /// device failure releases only this run's claims; null releases every claim of the service's worker id.</summary>
    public string? Claimant { get; init; }

    private readonly Lock gate = new();
    private readonly SignedMarkGroup marks = new(service.Store, batchId);
    private readonly Dictionary<string, BatchDocument> documents = batch.Documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
    private Dictionary<string, List<BatchStep>> steps = [];

    /// <summary>Step 1 only, for an external signer: the data to sign of each step (prepared outputs are dropped).</summary>
    public async Task<IReadOnlyList<BatchDataToSign>> DataToSignAsync(IReadOnlyList<BatchStep> claimed, CancellationToken cancellationToken)
    {
        await LoadStepsAsync(cancellationToken).ConfigureAwait(false);
        var prepared = await PrepareAllAsync(claimed, cancellationToken).ConfigureAwait(false);
        foreach (var p in prepared)
        {
            p.DeleteTemporary();
        }

        return prepared.Select(p => new BatchDataToSign(p.Step.Document, p.Step.Sequence, p.DataToSign, p.Digest, algorithm.Name)).ToList();
    }

    /// <summary>Steps 1 to 3: prepares every step, has <paramref name="sign"/> make all values at once, assembles each
    /// signed one, fails each refused one with its reason and leaves the ones not attempted pending.</summary>
    public async Task<IReadOnlyList<BatchDocumentResult>> RunAsync(IReadOnlyList<BatchStep> claimed, Func<IReadOnlyList<BatchSignatureRequest>, CancellationToken, Task<IReadOnlyList<BatchSignatureOutcome>>> sign, CancellationToken cancellationToken)
    {
        await LoadStepsAsync(cancellationToken).ConfigureAwait(false);
        var results = new ConcurrentDictionary<string, BatchDocumentResult>(StringComparer.Ordinal);
        var prepared = await PrepareAllAsync(claimed, cancellationToken, results).ConfigureAwait(false);
        try
        {
            if (prepared.Count == 0)
            {
                return Ordered(claimed, results);
            }

            IReadOnlyList<BatchSignatureOutcome> values;
            try
            {
                values = await sign(prepared.Select(p => new BatchSignatureRequest(p.Step.Document, p.DataToSign, p.Digest) { BatchId = batchId, Signatory = signatory.Id }).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The device failed as a whole (PIN refused, service down): nothing is marked, the steps stay pending
                // for the next session.
                await service.Store.ReleaseClaimsAsync(batchId, Claimant ?? service.WorkerId, CancellationToken.None).ConfigureAwait(false);
                throw e as SecurityKitException ?? new SecurityKitException($"the signing device failed ({e.GetType().Name})", $"signatory {signatory.Id}", e);
            }

            Report(BatchPhase.DeviceSigned, null);
            if (values.Count != prepared.Count)
            {
                throw new SecurityKitException($"the signing device returned {values.Count} signature values for {prepared.Count} documents", $"signatory {signatory.Id}");
            }

            // Writers do not wait for their mark: the marks of the outputs written meanwhile are committed together
            // (SignedMarkGroup), and each document's outcome is completed when its mark is stored.
            var work = prepared.Select((p, i) => (Prepared: p, Value: values[i])).ToList();
            var completions = new ConcurrentQueue<Task>();
            try
            {
                await Parallel.ForEachAsync(work, Options(cancellationToken), async (item, ct) =>
                {
                    var step = item.Prepared.Step;
                    if (item.Value.Value is { } value)
                    {
                        if (await WriteAsync(item.Prepared, value, ct).ConfigureAwait(false) is { } done)
                        {
                            results[step.Document] = done;
                        }
                        else
                        {
                            completions.Enqueue(CompleteAsync(item.Prepared, results));
                        }

                        return;
                    }

                    results[step.Document] = item.Value.Attempted
                        ? await MarkAsync(step, BatchStepStatus.Failed, item.Value.Reason, ct).ConfigureAwait(false)
                        : await LeavePendingAsync(step, item.Value.Reason).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            finally
            {
                await Task.WhenAll(completions).ConfigureAwait(false);
            }

            return Ordered(claimed, results);
        }
        finally
        {
            foreach (var p in prepared)
            {
                p.DeleteTemporary();
            }
        }
    }

    private void Report(BatchPhase phase, string? document) => service.Progress?.Report(new BatchProgress(batchId, signatory.Id, phase, document));

    private static List<BatchDocumentResult> Ordered(IReadOnlyList<BatchStep> claimed, ConcurrentDictionary<string, BatchDocumentResult> results) =>
        claimed.Where(s => results.ContainsKey(s.Document)).Select(s => results[s.Document]).ToList();

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, service.MaxDegreeOfParallelism), CancellationToken = cancellationToken };

    private async Task LoadStepsAsync(CancellationToken cancellationToken)
    {
        var all = await service.Store.GetStepsAsync(batchId, cancellationToken).ConfigureAwait(false);
        steps = all.GroupBy(s => s.Document, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    private async Task<List<PreparedStep>> PrepareAllAsync(IReadOnlyList<BatchStep> claimed, CancellationToken cancellationToken, ConcurrentDictionary<string, BatchDocumentResult>? results = null)
    {
        Directory.CreateDirectory(BatchService.WorkFolder(batch));
        var prepared = new PreparedStep?[claimed.Count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count), Options(cancellationToken), async (i, ct) =>
            {
                var step = claimed[i];
                try
                {
                    var document = documents.GetValueOrDefault(step.Document)
                        ?? throw new SecurityKitException("the document is no longer in the batch", step.Document);
                    prepared[i] = await PrepareAsync(step, document, ct).ConfigureAwait(false);
                    Report(BatchPhase.Prepared, step.Document);
                }
                catch (Exception e) when (IsDocumentFailure(e, ct))
                {
                    var result = await MarkAsync(step, BatchStepStatus.Failed, Reason(e), ct).ConfigureAwait(false);
                    if (results is not null)
                    {
                        results[step.Document] = result;
                    }
                }
            }).ConfigureAwait(false);
        }
        catch
        {
            foreach (var p in prepared)
            {
                p?.DeleteTemporary();
            }

            throw;
        }

        return prepared.OfType<PreparedStep>().ToList();
    }

    private async Task<PreparedStep> PrepareAsync(BatchStep step, BatchDocument document, CancellationToken cancellationToken)
    {
        if (!File.Exists(document.Path))
        {
            throw new SecurityKitException("the document file does not exist", document.Id);
        }

        var pdf = BatchService.IsPdf(document.Path);
        var extension = pdf ? ".pdf" : ".p7s";
        if (pdf)
        {
            var source = step.Sequence == 0 ? document.Path : BatchService.StepFile(batch, document, step.Sequence, extension);
            var temporary = BatchService.TemporaryFile(batch, document, step.Sequence + 1);
            var parameters = new PadesSignatureParameters
            {
                SigningCertificate = certificate,
                CertificateChain = chain,
                Level = PadesLevel(batch.Level),
                TimestampAuthority = batch.TimestampAuthority,
                SigningTime = signingTime,
                SignerName = signatory.Name,
                Role = signatory.Role,
                Visible = batch.Appearances.GetValueOrDefault(signatory.Role),
            };
            try
            {
                await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
                await using var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                var data = new PadesSigner(service.Http).GetDataToSign(input, output, parameters);
                return new PreparedStep(step, document, extension, temporary, data.DataToSign, data.DigestToSign) { Pades = (data, parameters) };
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }

        var cadesParameters = new CadesSignatureParameters
        {
            SigningCertificate = certificate,
            CertificateChain = chain,
            SignatureAlgorithm = algorithm,
            Level = SignatureLevels.Parse(batch.Level),
            Packaging = SignaturePackaging.Detached,
            SigningTime = signingTime,
        };
        await using var content = new FileStream(document.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var toSign = await Cades().GetDataToSignAsync(content, cadesParameters, cancellationToken).ConfigureAwait(false);
        return new PreparedStep(step, document, extension, null, toSign.Bytes.ToArray(), toSign.ComputeDigest()) { Cades = toSign };
    }

    /// <summary>Step 3's write: the output made durable under its step name (null), or the document's outcome when it
    /// failed or the value was refused.</summary>
    private async Task<BatchDocumentResult?> WriteAsync(PreparedStep prepared, byte[] value, CancellationToken cancellationToken)
    {
        var step = prepared.Step;
        var document = prepared.Document;
        var target = BatchService.StepFile(batch, document, step.Sequence + 1, prepared.Extension);
        try
        {
            Report(BatchPhase.Writing, document.Id);
            if (prepared.Pades is var (data, parameters) && prepared.Temporary is { } temporary)
            {
                await using (var output = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    await new PadesSigner(service.Http).SignDocumentAsync(output, data, parameters, value, cancellationToken).ConfigureAwait(false);
                    output.Flush(flushToDisk: true);
                }

                File.Move(temporary, target, overwrite: true);
            }
            else
            {
                var cms = await AssembleCadesAsync(prepared, value, cancellationToken).ConfigureAwait(false);
                var temporaryCms = BatchService.TemporaryFile(batch, document, step.Sequence + 1);
                try
                {
                    await using (var output = new FileStream(temporaryCms, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        await output.WriteAsync(cms, cancellationToken).ConfigureAwait(false);
                        output.Flush(flushToDisk: true);
                    }

                    File.Move(temporaryCms, target, overwrite: true);
                }
                finally
                {
                    File.Delete(temporaryCms);
                }
            }
        }
        catch (SecurityKitException e) when (e.Location == "signature value")
        {
            // A value that does not verify (an external signer sent a wrong one): refused, the step stays pending.
            List<BatchStep> documentSteps;
            lock (gate)
            {
                documentSteps = [.. steps.GetValueOrDefault(step.Document) ?? []];
            }

            return BatchService.Outcome(batch, document, documentSteps, finalize: false) with { Error = e.Message };
        }
        catch (Exception e) when (IsDocumentFailure(e, cancellationToken))
        {
            return await MarkAsync(step, BatchStepStatus.Failed, Reason(e), cancellationToken).ConfigureAwait(false);
        }

        Report(BatchPhase.Written, document.Id);
        return null;
    }

    /// <summary>Marks a written step signed (group commit), then completes the document's outcome; a cancel or reject
    /// that won the race discards the step's output instead.</summary>
    private async Task CompleteAsync(PreparedStep prepared, ConcurrentDictionary<string, BatchDocumentResult> results)
    {
        var step = prepared.Step;
        var changed = await marks.MarkSignedAsync(step).ConfigureAwait(false);
        var result = await AfterMarkAsync(step, BatchStepStatus.Signed, null, changed, CancellationToken.None).ConfigureAwait(false);
        var target = BatchService.StepFile(batch, prepared.Document, step.Sequence + 1, prepared.Extension);
        if (Current(step).Status != BatchStepStatus.Signed && File.Exists(target))
        {
            File.Delete(target);
        }

        results[step.Document] = result;
    }

    /// <summary>A step the device did not attempt (the session stopped): its claim is dropped by a compare-and-set from
    /// pending to pending, so the next session (of any worker) takes it at once; the document stays pending.</summary>
    private async Task<BatchDocumentResult> LeavePendingAsync(BatchStep step, string? reason)
    {
        await service.Store.TransitionAsync(batchId, step.Document, step.Signatory, BatchStepStatus.Pending, BatchStepStatus.Pending, null, CancellationToken.None).ConfigureAwait(false);
        List<BatchStep> documentSteps;
        lock (gate)
        {
            documentSteps = [.. steps.GetValueOrDefault(step.Document) ?? []];
        }

        return BatchService.Outcome(batch, documents.GetValueOrDefault(step.Document), documentSteps, finalize: false) with { Error = reason };
    }

    private async Task<byte[]> AssembleCadesAsync(PreparedStep prepared, byte[] value, CancellationToken cancellationToken)
    {
        var data = prepared.Cades!;
        if (prepared.Step.Sequence == 0)
        {
            return await Cades().SignDocumentAsync(data, value, cancellationToken).ConfigureAwait(false);
        }

        // A parallel signature (EN 319 122-1 §4.3) over the same detached content, added to the previous version.
        var existing = await File.ReadAllBytesAsync(BatchService.StepFile(batch, prepared.Document, prepared.Step.Sequence, prepared.Extension), cancellationToken).ConfigureAwait(false);
        await using var content = new FileStream(prepared.Document.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await Cades().AddSignatureAsync(existing, content, data.Parameters, new FixedSignatureValue(certificate, chain, algorithm, value), cancellationToken).ConfigureAwait(false);
    }

    private CadesService Cades()
    {
        var timestamps = batch.TimestampAuthority is null ? null : new HttpTimestampClient(service.Http, new TimestampClientOptions { Url = batch.TimestampAuthority });
        return new CadesService(timestamps, new ValidationDataCollector(new RevocationChecker(service.Http), chain), service.Time);
    }

    /// <summary>Compare-and-set from pending, then the event; returns the document's outcome.</summary>
    private async Task<BatchDocumentResult> MarkAsync(BatchStep step, BatchStepStatus status, string? reason, CancellationToken cancellationToken)
    {
        var changed = await service.Store.TransitionAsync(batchId, step.Document, step.Signatory, BatchStepStatus.Pending, status, reason, CancellationToken.None).ConfigureAwait(false);
        return await AfterMarkAsync(step, status, reason, changed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a compare-and-set: the local view, the document's outcome (its output completed when signed) and the event.</summary>
    private async Task<BatchDocumentResult> AfterMarkAsync(BatchStep step, BatchStepStatus status, string? reason, bool changed, CancellationToken cancellationToken)
    {
        List<BatchStep> documentSteps;
        lock (gate)
        {
            documentSteps = steps.GetValueOrDefault(step.Document) ?? [];
            if (changed)
            {
                var index = documentSteps.FindIndex(s => s.Signatory == step.Signatory);
                var updated = step with { Status = status, Error = reason };
                if (index >= 0)
                {
                    documentSteps[index] = updated;
                }
                else
                {
                    documentSteps.Add(updated);
                }
            }

            documentSteps = [.. documentSteps];
        }

        if (!changed)
        {
            // Someone else changed the step first (cancel, reject): report the store's view.
            var fresh = (await service.Store.GetStepsAsync(batchId, cancellationToken).ConfigureAwait(false)).Where(s => s.Document == step.Document).ToList();
            lock (gate)
            {
                steps[step.Document] = fresh;
            }

            return BatchService.Outcome(batch, documents.GetValueOrDefault(step.Document), fresh, finalize: false);
        }

        var outcome = BatchService.Outcome(batch, documents.GetValueOrDefault(step.Document), documentSteps, finalize: status == BatchStepStatus.Signed);
        await service.PublishAsync(new BatchEvent(batchId, step.Document, step.Signatory, status, outcome.Status, outcome.Signatures, reason, service.Time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    private BatchStep Current(BatchStep step)
    {
        lock (gate)
        {
            return steps.GetValueOrDefault(step.Document)?.FirstOrDefault(s => s.Signatory == step.Signatory) ?? step;
        }
    }

    private static bool IsDocumentFailure(Exception e, CancellationToken cancellationToken) =>
        e is SecurityKitException or IOException or CryptographicException or InvalidDataException or FormatException or HttpRequestException
            or InvalidOperationException or ArgumentException or UnauthorizedAccessException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Reason(Exception e) => e switch
    {
        SecurityKitException s => s.Message,
        FileNotFoundException => "the document file does not exist",
        OperationCanceledException => "a network call timed out (TSA or revocation source)",
        HttpRequestException => $"a network call failed ({e.Message})",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static PadesLevel PadesLevel(string level) => level switch
    {
        "B-T" => Pades.PadesLevel.BaselineT,
        "B-LT" => Pades.PadesLevel.BaselineLT,
        "B-LTA" => Pades.PadesLevel.BaselineLTA,
        _ => Pades.PadesLevel.BaselineB,
    };

    private sealed class PreparedStep(BatchStep step, BatchDocument document, string extension, string? temporary, byte[] dataToSign, byte[] digest)
    {
        public BatchStep Step => step;

        public BatchDocument Document => document;

        public string Extension => extension;

        public string? Temporary => temporary;

        public byte[] DataToSign => dataToSign;

        public byte[] Digest => digest;

        public (PadesDataToSign Data, PadesSignatureParameters Parameters)? Pades { get; init; }

        public DataToSign? Cades { get; init; }

        public void DeleteTemporary()
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }
        }
    }
}
