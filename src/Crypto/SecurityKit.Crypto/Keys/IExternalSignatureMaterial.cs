namespace SecurityKit.Crypto;

/// <summary>
/// Key material whose private key lives elsewhere (a PKCS#11 token): the signature is made there, never here.
/// </summary>
internal interface IExternalSignatureMaterial
{
    /// <summary>Signs <paramref name="data"/> with <paramref name="algorithm"/> inside the device.</summary>
    int Sign(SignatureAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> signature);
}
