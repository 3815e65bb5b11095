using System.Collections.Concurrent;

namespace SecurityKit.Crypto.Tests;

/// <summary>
/// One exportable key per algorithm for the whole test run: RSA-4096 and SLH-DSA key generation are slow, and no
/// test depends on a fresh key (tests that need one create it themselves).
/// </summary>
internal static class TestKeys
{
    private static readonly ConcurrentDictionary<Algorithm, Lazy<Key>> Keys = new();

    public static Key For(Algorithm algorithm) =>
        Keys.GetOrAdd(algorithm, a => new Lazy<Key>(() => Key.Create(a, KeyExportPolicies.AllowPlaintextExport))).Value;

    public static TheoryData<string> SignatureAlgorithms(bool includeSlow = true)
    {
        var data = new TheoryData<string>();
        foreach (var algorithm in SignatureAlgorithm.All)
        {
            if (includeSlow || algorithm is not SlhDsaSignatureAlgorithm)
            {
                data.Add(algorithm.Name);
            }
        }

        return data;
    }

    public static TheoryData<string> KemAlgorithms()
    {
        var data = new TheoryData<string>();
        foreach (var algorithm in KeyEncapsulationAlgorithm.All)
        {
            data.Add(algorithm.Name);
        }

        return data;
    }
}
