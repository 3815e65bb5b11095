using System.Text;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Fpe;
using Org.BouncyCastle.Crypto.Parameters;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.Benchmarks.Pseudonymization;

/// <summary>
/// National numbers end to end, single-threaded: parse a written form from UTF-8, map it (disjoint mode: rank,
/// FF1 with cycle walking, unrank, check digits) and format the pseudonym. Baseline: one BouncyCastle FF1 call on
/// the 11 digits (which alone neither validates nor keeps check digits). One operation = one number.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup].")]
public class NationalNumberBenchmarks
{
    private const int Inputs = 1024;
    private readonly byte[][] utf8 = new byte[Inputs][];
    private readonly byte[][] digits = new byte[Inputs][];
    private readonly byte[] output = new byte[16];
    private NationalNumberPseudonymizer pseudonymizer = null!;
    private FpeFf1Engine bouncyCastle = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        for (var i = 0; i < Inputs; i++)
        {
            var body = ((random.Next(100) * 100) + random.Next(1, 13)) * 100_000L + (random.Next(1, 29) * 1000L) + random.Next(1, 998);
            var check = 97 - (body % 97);
            var text = $"{body:D9}{check:D2}";
            utf8[i] = Encoding.ASCII.GetBytes(i % 2 == 0 ? text : $"{text[..2]}.{text[2..4]}.{text[4..6]}-{text[6..9]}.{text[9..]}");
            digits[i] = text.Select(c => (byte)(c - '0')).ToArray();
        }

        pseudonymizer = new NationalNumberPseudonymizer(new byte[32], "benchmark");
        bouncyCastle = new FpeFf1Engine();
        bouncyCastle.Init(true, new FpeParameters(new KeyParameter(new byte[16]), 10, []));
    }

    [GlobalCleanup]
    public void Cleanup() => pseudonymizer.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Inputs)]
    public void BouncyCastleFf1On11Digits()
    {
        for (var i = 0; i < Inputs; i++)
        {
            bouncyCastle.ProcessBlock(digits[i], 0, 11, output, 0);
        }
    }

    [Benchmark(OperationsPerInvoke = Inputs)]
    public void ParsePseudonymizeFormat()
    {
        for (var i = 0; i < Inputs; i++)
        {
            pseudonymizer.Pseudonymize(utf8[i], output, out _);
        }
    }
}
