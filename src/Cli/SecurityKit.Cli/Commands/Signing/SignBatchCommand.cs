using System.CommandLine;
using System.Text.Json;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Keys;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>
/// <c>securitykit sign batch --manifest batch.json</c> (CONTRACTS.md "Batch signing"): runs or resumes a batch, prints
/// the summary JSON object last and exits 0 when all documents are signed, 2 when some failed, 1 on a fatal error.
/// Progress goes to stderr: one line per stored status change (and per phase with <c>--verbose</c>).
/// </summary>
internal sealed class SignBatchCommand : ICommandGroup
{
    /// <summary>The batch id under which the CLI keeps a manifest's batch in its own store file.</summary>
    internal const string BatchId = "manifest";

    private const int SomeFailedExitCode = 2;

    /// <summary>The environment variable holding the PIN of PKCS#11 keys when the manifest gives none.</summary>
    private const string PinVariable = "SECURITYKIT_PKCS11_PIN";

    public string Parent => "sign";

    public IEnumerable<Command> CreateCommands()
    {
        var manifest = new Option<FileInfo>("--manifest") { Description = "The batch manifest (JSON).", Required = true };
        var verbose = new Option<bool>("--verbose") { Description = "Also report each phase (prepared, device signed, writing, written) on stderr." };
        var command = new Command("batch", "Sign a batch of documents by several signatories under a policy, crash-safely (resumable).");
        command.Options.Add(manifest);
        command.Options.Add(verbose);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var batch = SigningBatch.Load(r.GetValue(manifest)!.FullName);
            Directory.CreateDirectory(batch.OutputFolder);
            Directory.CreateDirectory(Path.GetDirectoryName(batch.StorePath)!);

            // One run per manifest at a time: the OS drops this lock when the process dies, even by SIGKILL, so a
            // resumed run never waits for a dead one.
            using var runLock = BatchRunLock.Acquire(batch.StorePath + ".lock");
            var keys = new Dictionary<string, CertificateKeySigner>(StringComparer.Ordinal);
            try
            {
                // Every key is opened before anything is signed: a wrong password is a fatal manifest error. A PKCS#11
                // token or eID card (pkcs11 in the manifest) gets its PIN from the manifest's password, else from
                // SECURITYKIT_PKCS11_PIN, else from the terminal (one prompt per signature for a card key marked
                // CKA_ALWAYS_AUTHENTICATE); without any of them the run stops before signing anything.
                var tokens = new Dictionary<string, Pkcs11BatchDevice>(StringComparer.Ordinal);
                var prompt = new TerminalPinPrompt(batch.Signatories.ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal));
                foreach (var signatory in batch.Signatories)
                {
                    if (signatory.Pkcs11 is null)
                    {
                        keys[signatory.Id] = SoftwareKeyBatchDevice.OpenPfx(signatory);
                        continue;
                    }

                    var pin = signatory.Password ?? Environment.GetEnvironmentVariable(PinVariable);
                    if (string.IsNullOrEmpty(pin) && !TerminalPinPrompt.Available)
                    {
                        throw new CommandLineError($"no PIN for the PKCS#11 key: give the signatory's password, set {PinVariable}, or run on a terminal to be asked", $"signatories.{signatory.Id}", 1);
                    }

                    tokens[signatory.Id] = Pkcs11BatchDevice.Open(signatory, pin, string.IsNullOrEmpty(pin) ? prompt : null);
                }

                IReadOnlyList<BatchDocumentResult> results;
                await using (var store = new SqliteBatchJobStore(batch.StorePath))
                using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
                {
                    var service = new BatchService(store, http, [new BatchProgressLog()])
                    {
                        Progress = r.GetValue(verbose) ? new Progress(p => Console.Error.WriteLine($"{Name(p.Phase)} {p.Document ?? "*"} {p.Signatory}")) : null,
                    };
                    await service.SaveAsync(BatchId, batch, ct);
                    results = await service.RunAsync(BatchId, s => tokens.TryGetValue(s.Id, out var token) ? token : new SoftwareKeyBatchDevice(keys[s.Id]), ct);
                }

                await r.InvocationConfiguration.Output.WriteLineAsync(Summary(results));
                return results.All(d => d.Status == BatchStepStatus.Signed) ? 0 : SomeFailedExitCode;
            }
            finally
            {
                foreach (var key in keys.Values)
                {
                    key.Dispose();
                }
            }
        });
        return [command];
    }

    private static string Name(BatchPhase phase) => phase switch
    {
        BatchPhase.Prepared => "prepared",
        BatchPhase.DeviceSigned => "device-signed",
        BatchPhase.Writing => "writing",
        _ => "written",
    };

    private static string Summary(IReadOnlyList<BatchDocumentResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("documents");
            foreach (var d in results)
            {
                json.WriteStartObject();
                json.WriteString("id", d.Id);
                json.WriteString("status", d.Status.ToString().ToLowerInvariant());
                json.WriteNumber("signatures", d.Signatures);
                if (d.Error is null)
                {
                    json.WriteNull("error");
                }
                else
                {
                    json.WriteString("error", d.Error);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Synchronous progress (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class Progress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }
}
