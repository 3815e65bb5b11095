using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Fpe;
using Org.BouncyCastle.Crypto.Parameters;
using SecurityKit.Pseudonymization.Fpe;

namespace SecurityKit.Benchmarks.Pseudonymization;

/// <summary>
/// FF1 on 11-digit radix-10 numerals, AES-128, empty tweak: SecurityKit (AES-NI and portable paths) against
/// BouncyCastle's FpeFf1Engine on the same inputs in the same run. One operation = one numeral string.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup].")]
public class Ff1Benchmarks
{
    private const int Inputs = 1024;
    private static readonly byte[] Key = Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C");
    private readonly byte[][] bytes = new byte[Inputs][];
    private readonly ushort[][] numerals = new ushort[Inputs][];
    private readonly byte[] bcOutput = new byte[11];
    private readonly ushort[] output = new ushort[11];
    private FpeFf1Engine bouncyCastle = null!;
    private Ff1 fast = null!;
    private Ff1 portable = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < Inputs; i++)
        {
            bytes[i] = new byte[11];
            numerals[i] = new ushort[11];
            for (var j = 0; j < 11; j++)
            {
                bytes[i][j] = (byte)random.Next(10);
                numerals[i][j] = bytes[i][j];
            }
        }

        bouncyCastle = new FpeFf1Engine();
        bouncyCastle.Init(true, new FpeParameters(new KeyParameter(Key), 10, []));
        fast = new Ff1(Key, 10);
        portable = new Ff1(Key, 10, useHardware: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fast.Dispose();
        portable.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Inputs)]
    public void BouncyCastleFf1()
    {
        for (var i = 0; i < Inputs; i++)
        {
            bouncyCastle.ProcessBlock(bytes[i], 0, 11, bcOutput, 0);
        }
    }

    [Benchmark(OperationsPerInvoke = Inputs)]
    public void SecurityKitFf1AesNi()
    {
        for (var i = 0; i < Inputs; i++)
        {
            fast.Encrypt(numerals[i], [], output);
        }
    }

    [Benchmark(OperationsPerInvoke = Inputs)]
    public void SecurityKitFf1Portable()
    {
        for (var i = 0; i < Inputs; i++)
        {
            portable.Encrypt(numerals[i], [], output);
        }
    }
}
