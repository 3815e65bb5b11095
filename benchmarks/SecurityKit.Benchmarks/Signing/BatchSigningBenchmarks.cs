using BenchmarkDotNet.Attributes;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Keys;
using SecurityKit.Testing;

namespace SecurityKit.Benchmarks.Signing;

/// <summary>
/// Issue 7: a batch of 1,000 one-page PDFs with 2 signatories (both sign every document: 2,000 PAdES-B-B signatures,
/// software RSA-3072 keys), run by <see cref="BatchService"/> with the SQLite job store (WAL, synchronous FULL, one
/// fsync'd file and one committed transaction per signature), against 2,000 raw RSA-3072 signatures in the same run
/// (target: at least 0.4x). Both on one thread (<see cref="BatchService.MaxDegreeOfParallelism"/> = 1) so that the
/// ratio compares like with like. Operations are counted per signature.
/// </summary>
[Config(typeof(BenchmarkConfig))]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: the signer is disposed in [GlobalCleanup]
public class BatchSigningBenchmarks
#pragma warning restore CA1001
{
    private const int Documents = 1000;
    private const int Signatures = 2 * Documents;
    private string folder = null!;
    private BenchmarkSigner signer = null!;
    private int run;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("sk-batch-bench-").FullName;
        signer = new BenchmarkSigner("CN=Benchmark Signatory", Signatures);
        for (var i = 0; i < Documents; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"d{i}.pdf"), TestPdfDocuments.OnePage(i));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        signer.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [IterationCleanup]
    public void DeleteRuns()
    {
        foreach (var runFolder in Directory.EnumerateDirectories(folder, "run-*"))
        {
            Directory.Delete(runFolder, recursive: true);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Signatures, Description = "raw RSA-3072 PKCS#1 v1.5 signature")]
    public int RawRsa3072() => signer.SignDigests();

    [Benchmark(OperationsPerInvoke = Signatures, Description = "batch: 1,000 PDFs x 2 signatories, PAdES-B-B, SQLite store")]
    public async Task<int> Batch1000Documents()
    {
        var runFolder = Path.Combine(folder, $"run-{Interlocked.Increment(ref run)}");
        var batch = new SigningBatch
        {
            Documents = Enumerable.Range(0, Documents).Select(i => new BatchDocument($"d{i}", Path.Combine(folder, $"d{i}.pdf"), "decision")).ToList(),
            Signatories = [new BatchSignatory("df", "Finance Director", "finance-director"), new BatchSignatory("dg", "Director General", "director-general")],
            Policy = new Dictionary<string, IReadOnlyList<string>> { ["finance-director"] = ["*"], ["director-general"] = ["*"] },
            OutputFolder = Path.Combine(runFolder, "signed"),
        };
        Directory.CreateDirectory(runFolder);
        using var key = new CertificateKeySigner(signer.Certificate);
        await using var store = new SqliteBatchJobStore(Path.Combine(runFolder, "batch.db"));
        var service = new BatchService(store) { MaxDegreeOfParallelism = 1 };
        await service.SaveAsync("bench", batch);
        var results = await service.RunAsync("bench", _ => new SoftwareKeyBatchDevice(key));
        return results.Count(r => r.Status == BatchStepStatus.Signed) == Documents
            ? results.Count
            : throw new InvalidOperationException("the benchmark batch did not sign every document");
    }
}
