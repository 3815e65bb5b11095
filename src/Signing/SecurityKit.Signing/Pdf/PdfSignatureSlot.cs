namespace SecurityKit.Signing.Pdf;

/// <summary>
/// Where a prepared PDF's signature goes: the byte range (ISO 32000-1 §12.8.1, [offset length offset length]) and the
/// position and capacity of the /Contents hexadecimal string that the byte range leaves out.
/// </summary>
/// <param name="ByteRange">The four /ByteRange numbers as written into the signature dictionary.</param>
/// <param name="ContentsCapacity">Maximum DER length, in bytes, that fits in /Contents.</param>
/// <param name="Digest">Digest of the byte range with <paramref name="DigestAlgorithm"/>.</param>
/// <param name="DigestAlgorithm">The digest algorithm (SHA-256, SHA-384 or SHA-512).</param>
public sealed record PdfSignatureSlot(long[] ByteRange, int ContentsCapacity, byte[] Digest, System.Security.Cryptography.HashAlgorithmName DigestAlgorithm)
{
    /// <summary>Offset of the '&lt;' that opens /Contents.</summary>
    public long ContentsOffset => ByteRange[1];

    /// <summary>Length of the whole prepared file.</summary>
    public long FileLength => ByteRange[2] + ByteRange[3];
}
