#:project ../../src/Crypto/SecurityKit.Crypto/SecurityKit.Crypto.csproj
#:property PublishAot=false
#:property IsPackable=false
#:property GenerateDocumentationFile=false

// Sign rates in CPU time (user + system time of this process), for a shared machine where wall-clock rates swing with
// the load: `openssl speed` without -elapsed also divides by CPU time, so the two are compared like with like.
// Usage: dotnet run -c Release benchmarks/CryptoCpuTime/crypto-sign-cpu.cs   (prints "name signs/s" lines)
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SecurityKit.Crypto;

var message = new byte[1024];
var digest = SHA256.HashData(message);
var rounds = 5;
var cpuBudget = TimeSpan.FromMilliseconds(400);

foreach (var name in new[] { "RSA-3072-PKCS1-SHA256", "ECDSA-P256-SHA256", "Ed25519" })
{
    var algorithm = SignatureAlgorithm.FromName(name);
    using var key = Key.Create(algorithm, KeyExportPolicies.AllowPlaintextExport);
    var buffer = new byte[algorithm.SignatureSize];
    Report($"SecurityKit {name}", () => algorithm.Sign(key, message, buffer));
    if (algorithm is EcdsaSignatureAlgorithm)
    {
        // .NET's own path on the same key (ECDsa.Create() wrapper, a new EVP_PKEY_CTX per call), for comparison.
        using var raw = ECDsa.Create();
        raw.ImportPkcs8PrivateKey(key.Export(KeyBlobFormat.Pkcs8Der), out _);
        Report("dotnet ECDsa.TrySignData ECDSA-P256-SHA256", () => raw.TrySignData(message, buffer, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence, out _));
        Report("dotnet ECDsa.TrySignHash ECDSA-P256-SHA256", () => raw.TrySignHash(digest, buffer, DSASignatureFormat.Rfc3279DerSequence, out _));
    }
}

void Report(string label, Action sign)
{
    for (var i = 0; i < 200; i++)
    {
        sign(); // warm-up and tiered JIT
    }

    var rates = new List<double>();
    var process = Process.GetCurrentProcess();
    for (var r = 0; r < rounds; r++)
    {
        process.Refresh();
        var start = process.TotalProcessorTime;
        var n = 0;
        TimeSpan used;
        do
        {
            for (var i = 0; i < 50; i++)
            {
                sign();
            }

            n += 50;
            process.Refresh();
            used = process.TotalProcessorTime - start;
        }
        while (used < cpuBudget);
        rates.Add(n / used.TotalSeconds);
    }

    rates.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}\t{rates[rounds / 2]:F0}\t{rates[0]:F0}\t{rates[^1]:F0}"));
}
