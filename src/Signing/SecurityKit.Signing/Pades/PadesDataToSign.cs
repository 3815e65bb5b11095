using System.Security.Cryptography;
using SecurityKit.Signing.Pdf;

namespace SecurityKit.Signing.Pades;

/// <summary>
/// Step 1's result: the bytes the signer's key must sign (the DER signed attributes, RFC 5652 §5.4) and their
/// digest for devices that sign a digest (eID cards, remote QSCDs), with where the signature goes in the prepared PDF.
/// </summary>
public sealed class PadesDataToSign
{
    internal PadesDataToSign(SecurityKit.Signing.Cades.DataToSign cades, PdfSignatureSlot slot)
    {
        CadesData = cades;
        DataToSign = cades.Bytes.ToArray();
        DigestAlgorithm = cades.Algorithm.Digest.HashName;
        DigestToSign = cades.ComputeDigest();
        Slot = slot;
    }

    /// <summary>The DER-encoded signed attributes: what the key signs.</summary>
    public byte[] DataToSign { get; }

    /// <summary>The digest of <see cref="DataToSign"/>, for devices that sign a digest.</summary>
    public byte[] DigestToSign { get; }

    /// <summary>The digest algorithm.</summary>
    public HashAlgorithmName DigestAlgorithm { get; }

    /// <summary>The byte range and placeholder of the prepared PDF.</summary>
    public PdfSignatureSlot Slot { get; }

    /// <summary>The CAdES step-1 result the CMS is assembled from (same signed attributes).</summary>
    internal SecurityKit.Signing.Cades.DataToSign CadesData { get; }
}
