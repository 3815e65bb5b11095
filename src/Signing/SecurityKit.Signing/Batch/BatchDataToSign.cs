namespace SecurityKit.Signing.Batch;

/// <summary>Step 1's result for one document of a signatory's session (the three-step flow of an external signer).</summary>
/// <param name="Document">Document id.</param>
/// <param name="Sequence">The signature's position in the document's signing order (from 0).</param>
/// <param name="DataToSign">The DER signed attributes: what a signer that hashes itself signs.</param>
/// <param name="Digest">SHA-256 of <paramref name="DataToSign"/>: what a card or remote QSCD signs.</param>
/// <param name="SignatureAlgorithm">The signature algorithm's name (e.g. RSA-PKCS1-SHA256).</param>
public sealed record BatchDataToSign(string Document, int Sequence, byte[] DataToSign, byte[] Digest, string SignatureAlgorithm);
