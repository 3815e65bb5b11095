using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using SecurityKit.Signing.DevPki;
using SecurityKit.Signing.Pades;

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
    private readonly List<byte[]> digests = [];
    private X509Certificate2 signer = null!;
    private RSA key = null!;
    private PadesSigner padesSigner = null!;
    private HttpClient http = null!;
    private TestPkiServer tsa = null!;
    private string pkiDirectory = null!;

    [GlobalSetup]
    public void Setup()
    {
        key = RSA.Create(3072);
        var request = new CertificateRequest("CN=Benchmark Signer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        signer = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        padesSigner = new PadesSigner(http);
        pkiDirectory = Directory.CreateTempSubdirectory("sk-bench-pki-").FullName;
        var port = FreeLoopbackPort();
        tsa = TestPkiServer.Start(TestPki.Create(Path.Combine(pkiDirectory, "pki"), port));
        for (var i = 0; i < Documents; i++)
        {
            pdfs.Add(OnePage(i));
            digests.Add(SHA256.HashData(BitConverter.GetBytes(i)));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        signer.Dispose();
        key.Dispose();
        tsa.DisposeAsync().AsTask().GetAwaiter().GetResult();
        http.Dispose();
        Directory.Delete(pkiDirectory, recursive: true);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Documents, Description = "raw RSA-3072 PKCS#1 v1.5 signature")]
    public int RawRsa3072()
    {
        var total = 0;
        foreach (var digest in digests)
        {
            total += key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Documents, Description = "PAdES-B-B, one-page PDF, RSA-3072")]
    public async Task<long> PadesBaselineB()
    {
        long total = 0;
        var parameters = new PadesSignatureParameters { SigningCertificate = signer, SigningTime = DateTimeOffset.UnixEpoch };
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
            SigningCertificate = signer,
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
