using BenchmarkDotNet.Attributes;
using SecurityKit.Signing.DevPki;
using SecurityKit.Signing.Pades;
using SecurityKit.Testing;

namespace SecurityKit.Benchmarks.Signing;

/// <summary>
/// Issue 6: 1,000 generated one-page PDFs signed PAdES-B-B with a software RSA-3072 key, against the raw RSA-3072
/// signature rate in the same run (target: at least 0.5x, i.e. the PDF work costs no more than the signature).
/// Each invocation signs all 1,000 documents; operations are counted per document. PAdES-B-T is reported beside them
/// with the development TSA on loopback (an HTTP round trip and a TSA signature per document), over the first
/// <see cref="TimestampedDocuments"/> documents.
/// </summary>
[Config(typeof(BenchmarkConfig))]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: the HTTP client and TSA are disposed in [GlobalCleanup]
public class PadesBenchmarks
#pragma warning restore CA1001
{
    private const int Documents = 1000;
    private const int TimestampedDocuments = 100;
    private readonly List<byte[]> pdfs = [];
    private BenchmarkSigner signer = null!;
    private PadesSigner padesSigner = null!;
    private HttpClient http = null!;
    private TestPkiServer tsa = null!;
    private string pkiDirectory = null!;

    [GlobalSetup]
    public void Setup()
    {
        signer = new BenchmarkSigner("CN=Benchmark Signer", Documents);
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        padesSigner = new PadesSigner(http);
        pkiDirectory = Directory.CreateTempSubdirectory("sk-bench-pki-").FullName;
        tsa = TestPkiServer.Start(TestPki.Create(Path.Combine(pkiDirectory, "pki"), FreePort.Next()));
        for (var i = 0; i < Documents; i++)
        {
            pdfs.Add(TestPdfDocuments.OnePage(i));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        signer.Dispose();
        tsa.DisposeAsync().AsTask().GetAwaiter().GetResult();
        http.Dispose();
        Directory.Delete(pkiDirectory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Documents, Description = "raw RSA-3072 PKCS#1 v1.5 signature")]
    public int RawRsa3072() => signer.SignDigests();

    [Benchmark(OperationsPerInvoke = Documents, Description = "PAdES-B-B, one-page PDF, RSA-3072")]
    public async Task<long> PadesBaselineB()
    {
        long total = 0;
        var parameters = new PadesSignatureParameters { SigningCertificate = signer.Certificate, SigningTime = DateTimeOffset.UnixEpoch };
        foreach (var pdf in pdfs)
        {
            using var input = new MemoryStream(pdf, writable: false);
            using var output = new MemoryStream(pdf.Length + 16 * 1024);
            await padesSigner.SignAsync(input, output, parameters);
            total += output.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = TimestampedDocuments, Description = "PAdES-B-T, one-page PDF, RSA-3072, loopback TSA")]
    public async Task<long> PadesBaselineT()
    {
        long total = 0;
        var parameters = new PadesSignatureParameters
        {
            SigningCertificate = signer.Certificate,
            SigningTime = DateTimeOffset.UnixEpoch,
            Level = PadesLevel.BaselineT,
            TimestampAuthority = tsa.BaseUrl,
        };
        foreach (var pdf in pdfs.Take(TimestampedDocuments))
        {
            using var input = new MemoryStream(pdf, writable: false);
            using var output = new MemoryStream(pdf.Length + 32 * 1024);
            await padesSigner.SignAsync(input, output, parameters);
            total += output.Length;
        }

        return total;
    }
}
