using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Pades;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Timestamps;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// Runs a <see cref="SigningBatch"/> crash-safely. For each signatory in order and each document due: sign the
/// document's current version (the original, or the last step's file) into a temporary file, fsync it, rename it to
/// the step file <c>out/.work/&lt;id&gt;.&lt;n&gt;.pdf</c>, and only then mark the step signed in the store. A crash
/// before the mark re-does the step from the previous version, so no signature is ever applied twice. The output
/// <c>out/&lt;id&gt;.pdf</c> (PAdES, incremental updates) or <c>out/&lt;id&gt;.p7s</c> (detached CAdES with one
/// SignerInfo per signatory) is moved into place only when every due signature is done.
/// </summary>
public sealed class BatchSigner
{
    private readonly HttpClient http;

    /// <summary>Creates a batch signer.</summary>
    /// <param name="httpClient">HTTP client for the TSA and revocation data; a private one when null.</param>
    public BatchSigner(HttpClient? httpClient = null)
    {
        http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Raised after each step's status is stored (the in-process event stream for a portal).</summary>
    public event EventHandler<BatchStep>? StepChanged;

    /// <summary>Runs (or resumes) the batch and returns each document's outcome, in manifest order.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="store">The job store.</param>
    /// <param name="cancellationToken">Stops the batch between steps; what is done stays done.</param>
    /// <returns>The outcomes.</returns>
    /// <exception cref="SecurityKitException">A signatory's PKCS#12 file cannot be opened.</exception>
    public async Task<IReadOnlyList<BatchDocumentResult>> RunAsync(SigningBatch batch, IBatchJobStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(store);
        var work = Path.Combine(batch.OutputFolder, ".work");
        Directory.CreateDirectory(work);

        // Temporary files of a run that was killed mid-write: never renamed, so never marked; safe to drop.
        foreach (var stale in Directory.EnumerateFiles(work, ".*.tmp"))
        {
            File.Delete(stale);
        }

        store.Ensure(batch.Documents.SelectMany(d => batch.DueSignatories(d).Select((s, n) => new BatchStep(d.Id, s.Id, n, BatchStepStatus.Pending, null))));

        // Failed steps are retried on a new run (the cause may be gone); rejected ones stay rejected.
        foreach (var failed in store.Steps().Where(s => s.Status == BatchStepStatus.Failed))
        {
            store.Mark(failed.Document, failed.Signatory, BatchStepStatus.Pending);
        }

        // Check every key before signing anything: a wrong password is a fatal manifest error, not a failed document.
        var keys = new Dictionary<string, CertificateKeySigner>(StringComparer.Ordinal);
        try
        {
            foreach (var signatory in batch.Signatories)
            {
                keys[signatory.Id] = LoadKey(signatory);
            }

            foreach (var signatory in batch.Signatories)
            {
                var steps = store.Steps().ToLookup(s => s.Document);
                foreach (var document in batch.Documents)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var documentSteps = steps[document.Id].OrderBy(s => s.Sequence).ToList();
                    var step = documentSteps.FirstOrDefault(s => s.Signatory == signatory.Id);
                    if (step is null || step.Status != BatchStepStatus.Pending
                        || documentSteps.Any(s => s.Sequence < step.Sequence && s.Status != BatchStepStatus.Signed))
                    {
                        continue;
                    }

                    BatchStep result;
                    try
                    {
                        await SignStepAsync(batch, document, step.Sequence, keys[signatory.Id], work, cancellationToken).ConfigureAwait(false);
                        result = step with { Status = BatchStepStatus.Signed, Error = null };
                    }
                    catch (Exception e) when (e is SecurityKitException or IOException or CryptographicException or InvalidDataException or FormatException or HttpRequestException or InvalidOperationException or ArgumentException)
                    {
                        result = step with { Status = BatchStepStatus.Failed, Error = Reason(e) };
                    }

                    store.Mark(result.Document, result.Signatory, result.Status, result.Error);
                    StepChanged?.Invoke(this, result);
                }
            }
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }

        return Finish(batch, store, work);
    }

    private async Task SignStepAsync(SigningBatch batch, BatchDocument document, int sequence, CertificateKeySigner key, string work, CancellationToken cancellationToken)
    {
        if (!File.Exists(document.Path))
        {
            throw new SecurityKitException("the document file does not exist", document.Id);
        }

        var pdf = IsPdf(document.Path);
        var extension = pdf ? ".pdf" : ".p7s";
        var target = StepFile(work, document, sequence + 1, extension);
        var temporary = Path.Combine(work, $".{document.Id}.{sequence + 1}.{Environment.ProcessId}.tmp");
        try
        {
            if (pdf)
            {
                var source = sequence == 0 ? document.Path : StepFile(work, document, sequence, extension);
                var parameters = new PadesSignatureParameters
                {
                    SigningCertificate = key.Certificate,
                    CertificateChain = key.CertificateChain,
                    Level = PadesLevel(batch.Level),
                    TimestampAuthority = batch.TimestampAuthority,
                };
                await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
                await using var output = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
                await new PadesSigner(http).SignAsync(input, output, parameters, cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }
            else
            {
                var timestamps = batch.TimestampAuthority is null ? null : new HttpTimestampClient(http, new TimestampClientOptions { Url = batch.TimestampAuthority });
                var service = new CadesService(timestamps, new ValidationDataCollector(new RevocationChecker(http), key.CertificateChain));
                var parameters = CadesSignatureParameters.For(key, SignatureLevels.Parse(batch.Level), SignaturePackaging.Detached);
                byte[] cms;
                await using (var content = new FileStream(document.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
                {
                    cms = sequence == 0
                        ? await service.SignAsync(content, parameters, key, cancellationToken).ConfigureAwait(false)
                        : await service.AddSignatureAsync(await File.ReadAllBytesAsync(StepFile(work, document, sequence, extension), cancellationToken).ConfigureAwait(false), content, parameters, key, cancellationToken).ConfigureAwait(false);
                }

                await using var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
                await output.WriteAsync(cms, cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static List<BatchDocumentResult> Finish(SigningBatch batch, IBatchJobStore store, string work)
    {
        var steps = store.Steps().ToLookup(s => s.Document);
        var results = new List<BatchDocumentResult>();
        foreach (var document in batch.Documents)
        {
            var documentSteps = steps[document.Id].OrderBy(s => s.Sequence).ToList();
            var signed = documentSteps.Count(s => s.Status == BatchStepStatus.Signed);
            var problem = documentSteps.FirstOrDefault(s => s.Status is BatchStepStatus.Failed or BatchStepStatus.Rejected);
            if (problem is not null)
            {
                results.Add(new BatchDocumentResult(document.Id, problem.Status, signed, problem.Error));
                continue;
            }

            if (signed < documentSteps.Count || documentSteps.Count == 0)
            {
                results.Add(new BatchDocumentResult(document.Id, BatchStepStatus.Pending, signed, null));
                continue;
            }

            var extension = IsPdf(document.Path) ? ".pdf" : ".p7s";
            var final = Path.Combine(batch.OutputFolder, document.Id + extension);
            var last = StepFile(work, document, signed, extension);
            if (File.Exists(last))
            {
                // Rename (atomic on one file system) once complete; the steps before it are no longer needed.
                File.Move(last, final, overwrite: true);
                for (var n = 1; n < signed; n++)
                {
                    File.Delete(StepFile(work, document, n, extension));
                }
            }

            results.Add(File.Exists(final)
                ? new BatchDocumentResult(document.Id, BatchStepStatus.Signed, signed, null)
                : new BatchDocumentResult(document.Id, BatchStepStatus.Failed, signed, "the signed output is missing from the output folder"));
        }

        return results;
    }

    private static string StepFile(string work, BatchDocument document, int n, string extension) => Path.Combine(work, $"{document.Id}.{n}{extension}");

    private static bool IsPdf(string path)
    {
        if (!File.Exists(path))
        {
            return path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);
        }

        Span<byte> header = stackalloc byte[5];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(header, 5, throwOnEndOfStream: false) == 5 && header.SequenceEqual("%PDF-"u8);
    }

    private static PadesLevel PadesLevel(string level) => level switch
    {
        "B-T" => Pades.PadesLevel.BaselineT,
        "B-LT" => Pades.PadesLevel.BaselineLT,
        "B-LTA" => Pades.PadesLevel.BaselineLTA,
        _ => Pades.PadesLevel.BaselineB,
    };

    private static CertificateKeySigner LoadKey(BatchSignatory signatory)
    {
        if (!File.Exists(signatory.Pfx))
        {
            throw new SecurityKitException("the PKCS#12 file does not exist", $"signatories.{signatory.Id}.pfx");
        }

        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(signatory.Pfx, signatory.Password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new SecurityKitException("the PKCS#12 file cannot be opened (wrong password or not PKCS#12)", $"signatories.{signatory.Id}.pfx");
        }

        var certificate = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new SecurityKitException("the PKCS#12 file holds no private key", $"signatories.{signatory.Id}.pfx");
        return new CertificateKeySigner(certificate, all.Where(c => !ReferenceEquals(c, certificate)));
    }

    private static string Reason(Exception e) => e switch
    {
        SecurityKitException s => s.Message,
        FileNotFoundException => "the document file does not exist",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
