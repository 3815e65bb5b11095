using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using SecurityKit.Signing.Batch;
using SecurityKit.Signing.Keys;

namespace SecurityKit.Benchmarks.Signing;

/// <summary>
/// Issue 7: a batch of 1,000 one-page PDFs with 2 signatories (both sign every document: 2,000 PAdES-B-B signatures,
/// software RSA-3072 keys), run by <see cref="BatchService"/> with the SQLite job store (WAL, synchronous FULL, one
/// fsync'd file and one committed transaction per signature), against 2,000 raw RSA-3072 signatures in the same run
/// (target: at least 0.4x). Both on one thread (<see cref="BatchService.MaxDegreeOfParallelism"/> = 1) so that the
/// ratio compares like with like. Operations are counted per signature.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class BatchSigningBenchmarks
{
    private const int Documents = 1000;
    private const int Signatures = 2 * Documents;
    private readonly List<byte[]> digests = [];
    private string folder = null!;
    private RSA key = null!;
    private X509Certificate2 certificate = null!;
    private int run;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("sk-batch-bench-").FullName;
        key = RSA.Create(3072);
        var request = new CertificateRequest("CN=Benchmark Signatory", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        for (var i = 0; i < Documents; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"d{i}.pdf"), OnePage(i));
        }

        for (var i = 0; i < Signatures; i++)
        {
            digests.Add(SHA256.HashData(BitConverter.GetBytes(i)));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        certificate.Dispose();
        key.Dispose();
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
    public int RawRsa3072()
    {
        var total = 0;
        foreach (var digest in digests)
        {
            total += key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).Length;
        }

        return total;
    }

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
        using var signer = new CertificateKeySigner(certificate);
        await using var store = new SqliteBatchJobStore(Path.Combine(runFolder, "batch.db"));
        var service = new BatchService(store) { MaxDegreeOfParallelism = 1 };
        await service.SaveAsync("bench", batch);
        var results = await service.RunAsync("bench", _ => new SoftwareKeyBatchDevice(signer));
        return results.Count(r => r.Status == BatchStepStatus.Signed) == Documents
            ? results.Count
            : throw new InvalidOperationException("the benchmark batch did not sign every document");
    }

    private static byte[] OnePage(int n)
    {
        var content = $"BT /F1 18 Tf 72 720 Td (Decision {n.ToString(CultureInfo.InvariantCulture)} du College) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var output = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(output.Length);
            output.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = output.Length;
        output.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            output.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        output.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(output.ToString());
    }
}
