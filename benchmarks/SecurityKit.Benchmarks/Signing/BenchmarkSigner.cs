using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecurityKit.Benchmarks.Signing;

/// <summary>
/// The software signatory of the PAdES and batch benchmarks: an RSA-3072 key with a self-signed certificate, and the
/// baseline both compare against in the same run, raw RSA-3072 PKCS#1 v1.5 signatures of precomputed SHA-256 digests.
/// </summary>
internal sealed class BenchmarkSigner : IDisposable
{
    /// <summary>Creates the key, its certificate and <paramref name="digests"/> digests to sign.</summary>
    /// <param name="subject">The certificate's subject.</param>
    /// <param name="digests">How many digests the baseline signs per invocation.</param>
    public BenchmarkSigner(string subject, int digests)
    {
        Key = RSA.Create(3072);
        var request = new CertificateRequest(subject, Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Digests = [.. Enumerable.Range(0, digests).Select(i => SHA256.HashData(BitConverter.GetBytes(i)))];
    }

    /// <summary>The RSA-3072 key.</summary>
    public RSA Key { get; }

    /// <summary>The key's self-signed certificate (with the private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The digests the baseline signs.</summary>
    public IReadOnlyList<byte[]> Digests { get; }

    /// <summary>The baseline: signs every digest with the raw primitive; returns the total signature length.</summary>
    public int SignDigests()
    {
        var total = 0;
        foreach (var digest in Digests)
        {
            total += Key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).Length;
        }

        return total;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}
