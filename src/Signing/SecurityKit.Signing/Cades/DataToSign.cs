using SecurityKit.Signing.Algorithms;

namespace SecurityKit.Signing.Cades;

/// <summary>
/// The result of step 1 of the signing flow: the DER-encoded signed attributes that the signing device must sign,
/// with what step 3 needs to assemble the CMS. <see cref="Bytes"/> and <see cref="ContentDigest"/> may be stored
/// between the steps (e.g. while an eID card in the user's browser signs).
/// </summary>
public sealed class DataToSign
{
    internal DataToSign(CadesSignatureParameters parameters, ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> contentDigest, ReadOnlyMemory<byte>? envelopedContent)
    {
        Parameters = parameters;
        Bytes = bytes;
        ContentDigest = contentDigest;
        EnvelopedContent = envelopedContent;
    }

    /// <summary>The parameters of step 1.</summary>
    public CadesSignatureParameters Parameters { get; }

    /// <summary>The bytes to sign: the DER <c>SET OF Attribute</c> of the signed attributes (RFC 5652 §5.4).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The digest of the content (the message-digest attribute's value).</summary>
    public ReadOnlyMemory<byte> ContentDigest { get; }

    /// <summary>The algorithm the device must use.</summary>
    public SignatureAlgorithm Algorithm => Parameters.SignatureAlgorithm;

    /// <summary>
    /// The digest of <see cref="Bytes"/> for devices that sign a pre-computed hash (eID cards, remote QSCDs). Not
    /// meaningful for ML-DSA, which signs <see cref="Bytes"/> directly.
    /// </summary>
    public byte[] ComputeDigest() => Algorithm.Digest.Compute(Bytes.Span);

    internal ReadOnlyMemory<byte>? EnvelopedContent { get; }
}
