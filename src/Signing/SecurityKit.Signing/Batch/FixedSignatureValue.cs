using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Keys;

namespace SecurityKit.Signing.Batch;

/// <summary>
/// A signature value that a device already made, handed to <see cref="Cades.CadesService.AddSignatureAsync"/> so
/// that a parallel CAdES signature can be assembled from an external value (the service checks it against the
/// certificate before adding it).
/// </summary>
internal sealed class FixedSignatureValue(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain, SignatureAlgorithm algorithm, byte[] value) : ISignatureValueProvider
{
    public X509Certificate2 Certificate => certificate;

    public IReadOnlyList<X509Certificate2> CertificateChain => chain;

    public SignatureAlgorithm Algorithm => algorithm;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> dataToSign, CancellationToken cancellationToken = default) => ValueTask.FromResult(value);
}
