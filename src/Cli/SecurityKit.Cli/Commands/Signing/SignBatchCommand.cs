using System.CommandLine;
using System.Text.Json;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Signing.Batch;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>
/// <c>securitykit sign batch --manifest batch.json</c> (CONTRACTS.md "Batch signing"): runs or resumes a batch, prints
/// the summary JSON object last and exits 0 when all documents are signed, 2 when some failed, 1 on a fatal error.
/// </summary>
internal sealed class SignBatchCommand : ICommandGroup
{
    private const int SomeFailedExitCode = 2;

    public string Parent => "sign";

    public IEnumerable<Command> CreateCommands()
    {
        var manifest = new Option<FileInfo>("--manifest") { Description = "The batch manifest (JSON).", Required = true };
        var command = new Command("batch", "Sign a batch of documents by several signatories under a policy, crash-safely (resumable).");
        command.Options.Add(manifest);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var batch = SigningBatch.Load(r.GetValue(manifest)!.FullName);
            Directory.CreateDirectory(batch.OutputFolder);
            IReadOnlyList<BatchDocumentResult> results;
            using (var store = new SqliteBatchJobStore(batch.StorePath))
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
            {
                var signer = new BatchSigner(http);
                signer.StepChanged += (_, step) => Console.Error.WriteLine($"{step.Document} {step.Signatory}: {step.Status.ToString().ToLowerInvariant()}{(step.Error is null ? string.Empty : " (" + step.Error + ")")}");
                results = await signer.RunAsync(batch, store, ct);
            }

            await r.InvocationConfiguration.Output.WriteLineAsync(Summary(results));
            return results.All(d => d.Status == BatchStepStatus.Signed) ? 0 : SomeFailedExitCode;
        });
        return [command];
    }

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
}
