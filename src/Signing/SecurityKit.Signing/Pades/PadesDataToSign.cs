using System.Security.Cryptography;
using SecurityKit.Signing.Pdf;

namespace SecurityKit.Signing.Pades;

/// <summary>
/// Step 1's result: the bytes the signer's key must sign (the DER signed attributes, RFC 5652 §5.4) and their
/// digest for devices that sign a digest (eID cards, remote QSCDs), with where the signature goes in the prepared PDF.
/// </summary>
public sealed class PadesDataToSign
{
    internal PadesDataToSign(byte[] signedAttributes, HashAlgorithmName digestAlgorithm, PdfSignatureSlot slot)
    {
        DataToSign = signedAttributes;
        DigestAlgorithm = digestAlgorithm;
        DigestToSign = CryptographicOperations.HashData(digestAlgorithm, signedAttributes);
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
}
