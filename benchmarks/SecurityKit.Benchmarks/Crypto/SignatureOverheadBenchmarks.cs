using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SecurityKit.Crypto;

namespace SecurityKit.Benchmarks.Crypto;

/// <summary>
/// Where the time of one ECDSA-P256 signature goes, on one key in one run: SecurityKit's <c>Sign</c> (hash the 1 KiB
/// message + sign + DER), .NET's <c>ECDsa.SignData</c> and <c>TrySignData</c> on the same key, and
/// <c>ECDsa.TrySignHash</c> on a precomputed SHA-256 digest, which is what <c>openssl speed ecdsap256</c> measures
/// (it signs a fixed 20-byte buffer with a prepared EVP_PKEY_CTX). The baseline is the raw digest signature.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class EcdsaSignOverheadBenchmarks
{
    private static readonly byte[] Message = new byte[1024];
    private readonly byte[] _digest = SHA256.HashData(Message);
    private readonly byte[] _buffer = new byte[72];
    private Key _key = null!;
    private ECDsa _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = Key.Create(SignatureAlgorithm.EcdsaP256Sha256, KeyExportPolicies.AllowPlaintextExport);
        _raw = ECDsa.Create();
        _raw.ImportPkcs8PrivateKey(_key.Export(KeyBlobFormat.Pkcs8Der), out _);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ECDsa.TrySignHash(digest), DER")]
    public bool RawSignHash() => _raw.TrySignHash(_digest, _buffer, DSASignatureFormat.Rfc3279DerSequence, out _);

    [Benchmark(Description = "ECDsa.TrySignHash(digest), r||s")]
    public bool RawSignHashIeee() => _raw.TrySignHash(_digest, _buffer, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out _);

    [Benchmark(Description = "ECDsa.SignData(1 KiB), DER")]
    public byte[] RawSignData() => _raw.SignData(Message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    [Benchmark(Description = "ECDsa.TrySignData(1 KiB), DER")]
    public bool RawTrySignData() => _raw.TrySignData(Message, _buffer, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence, out _);

    [Benchmark(Description = "SHA256.HashData(1 KiB) only")]
    public int HashOnly() => SHA256.HashData(Message, _buffer);

    [Benchmark(Description = "SecurityKit Sign(1 KiB)")]
    public int SecurityKitSign() => SignatureAlgorithm.EcdsaP256Sha256.Sign(_key, Message, _buffer);
}
