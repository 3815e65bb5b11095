using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Keys;

namespace SecurityKit.Signing.Batch;

/// <summary>A software key (PFX, PKCS#8) as a batch device: no activation beyond opening the key.</summary>
/// <param name="signer">The key and certificate.</param>
public sealed class SoftwareKeyBatchDevice(ISignatureValueProvider signer) : IBatchSigningDevice
{
    /// <summary>
    /// Opens a signatory's PKCS#12 file (the CLI's software keys). The caller disposes the returned key after the run.
    /// </summary>
    /// <param name="signatory">The signatory, with <see cref="BatchSignatory.Pfx"/> and <see cref="BatchSignatory.Password"/>.</param>
    /// <returns>The key.</returns>
    /// <exception cref="SecurityKitException">No PKCS#12 file, a missing file, a wrong password, or no private key.</exception>
    public static CertificateKeySigner OpenPfx(BatchSignatory signatory)
    {
        ArgumentNullException.ThrowIfNull(signatory);
        var where = $"signatories.{signatory.Id}.pfx";
        if (signatory.Pfx is null)
        {
            throw new SecurityKitException("the signatory has no PKCS#12 file (pfx)", where);
        }

        if (!File.Exists(signatory.Pfx))
        {
            throw new SecurityKitException("the PKCS#12 file does not exist", where);
        }

        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(signatory.Pfx, signatory.Password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new SecurityKitException("the PKCS#12 file cannot be opened (wrong password or not PKCS#12)", where);
        }

        var certificate = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new SecurityKitException("the PKCS#12 file holds no private key", where);
        return new CertificateKeySigner(certificate, all.Where(c => !ReferenceEquals(c, certificate)));
    }

    /// <inheritdoc/>
    public X509Certificate2 Certificate => signer.Certificate;

    /// <inheritdoc/>
    public IReadOnlyList<X509Certificate2> CertificateChain => signer.CertificateChain;

    /// <inheritdoc/>
    public SignatureAlgorithm Algorithm => signer.Algorithm;

    /// <inheritdoc/>
    public BatchActivation Activation => BatchActivation.PerSession;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<byte[]>> SignAllAsync(IReadOnlyList<BatchSignatureRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var values = new byte[requests.Count][];
        for (var i = 0; i < requests.Count; i++)
        {
            values[i] = await signer.SignAsync(requests[i].DataToSign, cancellationToken).ConfigureAwait(false);
        }

        return values;
    }
}
