using BenchmarkDotNet.Attributes;
using SecurityKit.Crypto;

namespace SecurityKit.Benchmarks.Crypto;

/// <summary>
/// What a migration costs: key generation, signing and verification for every signature algorithm, measured side by
/// side in one run (the report compares each to RSA-3072 and ECDSA-P256 measured in the same run). Restrict the
/// algorithms with SECURITYKIT_BENCH_ALGORITHMS="RSA-3072-PKCS1-SHA256,Ed25519".
/// </summary>
[Config(typeof(CryptoMigrationConfig))]
public class CryptoMigrationSignatureBenchmarks
{
    private static readonly byte[] Message = new byte[1024];
    private Key _key = null!;
    private byte[] _signature = null!;
    private byte[] _buffer = null!;

    [ParamsSource(nameof(Algorithms))]
    public string Algorithm { get; set; } = "Ed25519";

    public static IEnumerable<string> Algorithms() =>
        CryptoMigrationConfig.Selected(SignatureAlgorithm.All.Select(a => a.Name));

    private SignatureAlgorithm Selected => SignatureAlgorithm.FromName(Algorithm);

    [GlobalSetup]
    public void Setup()
    {
        _key = Key.Create(Selected);
        _buffer = new byte[Selected.SignatureSize];
        _signature = Selected.Sign(_key, Message);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public void KeyGen()
    {
        using var key = Key.Create(Selected);
    }

    [Benchmark]
    public int Sign() => Selected.Sign(_key, Message, _buffer);

    [Benchmark]
    public bool Verify() => Selected.TryVerify(_key.PublicKey, Message, _signature);
}

/// <summary>Key generation, encapsulation and decapsulation for every KEM, in the same run as the signatures.</summary>
[Config(typeof(CryptoMigrationConfig))]
public class CryptoMigrationKemBenchmarks
{
    private Key _key = null!;
    private byte[] _ciphertext = null!;
    private readonly byte[] _secret = new byte[32];

    [ParamsSource(nameof(Algorithms))]
    public string Algorithm { get; set; } = "ML-KEM-768";

    public static IEnumerable<string> Algorithms() =>
        CryptoMigrationConfig.Selected(KeyEncapsulationAlgorithm.All.Select(a => a.Name));

    private KeyEncapsulationAlgorithm Selected => KeyEncapsulationAlgorithm.FromName(Algorithm);

    [GlobalSetup]
    public void Setup()
    {
        _key = Key.Create(Selected);
        _ciphertext = Selected.Encapsulate(_key.PublicKey).Ciphertext;
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public void KeyGen()
    {
        using var key = Key.Create(Selected);
    }

    [Benchmark]
    public void Encapsulate() => Selected.Encapsulate(_key.PublicKey, _ciphertext, _secret);

    [Benchmark]
    public void Decapsulate() => Selected.Decapsulate(_key, _ciphertext, _secret);
}
