using System.Text;
using BenchmarkDotNet.Attributes;
using SecurityKit.Pseudonymization.Bulk;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.Benchmarks.Pseudonymization;

/// <summary>
/// Bulk pseudonymisation of a generated CSV file (id, national number, amount) on all cores, and of the same numbers
/// as plain lines. Rows = 10,000,000 as the issue asks, or the value of the environment variable
/// <c>SK_BULK_ROWS</c> (a smaller file on a busy machine). One operation = one file.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup].")]
public class BulkCsvBenchmarks
{
    private string directory = null!;
    private string csv = null!;
    private string lines = null!;
    private NationalNumberPseudonymizer pseudonymizer = null!;

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    public static IEnumerable<int> RowCounts() =>
        [int.TryParse(Environment.GetEnvironmentVariable("SK_BULK_ROWS"), out var rows) ? rows : 10_000_000];

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), "sk-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        csv = Path.Combine(directory, "in.csv");
        lines = Path.Combine(directory, "in.txt");
        var random = new Random(11);
        using (var csvWriter = new StreamWriter(csv, false, new UTF8Encoding(false), 1 << 20))
        using (var lineWriter = new StreamWriter(lines, false, new UTF8Encoding(false), 1 << 20))
        {
            csvWriter.Write("id,nrn,amount\n");
            for (var i = 0; i < Rows; i++)
            {
                var body = ((random.Next(100) * 100) + random.Next(1, 13)) * 100_000L + (random.Next(1, 29) * 1000L) + random.Next(1, 998);
                var number = $"{body:D9}{97 - (body % 97):D2}";
                csvWriter.Write($"{i},{number},{random.Next(100_000)}\n");
                lineWriter.Write(number);
                lineWriter.Write('\n');
            }
        }

        pseudonymizer = new NationalNumberPseudonymizer(new byte[32], "benchmark");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        pseudonymizer.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public async Task<long> Lines()
    {
        await using var input = new FileStream(lines, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        await using var output = new FileStream(Path.Combine(directory, "out.txt"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        return (await LinePseudonymization.RunAsync(new IdentifierTransform(pseudonymizer), input, output)).Processed;
    }

    [Benchmark]
    public async Task<long> Csv()
    {
        var job = new CsvPseudonymization(new IdentifierTransform(pseudonymizer), ["nrn"]);
        return (await job.RunAsync(csv, Path.Combine(directory, "out.csv"))).Processed;
    }
}
