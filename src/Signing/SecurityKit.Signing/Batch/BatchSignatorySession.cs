namespace SecurityKit.Signing.Batch;

/// <summary>
/// A signatory's signing session in one batch: the certificate the session is bound to (SHA-256 of its DER) and the
/// signing time every data-to-sign of the session carries, so that data to sign handed out in step 1 can be rebuilt
/// byte for byte when the signature values come back in step 3.
/// </summary>
/// <param name="Signatory">Signatory id.</param>
/// <param name="CertificateSha256">Lower-case hex SHA-256 of the signing certificate's DER encoding.</param>
/// <param name="SigningTime">The session's signing time (whole seconds, UTC).</param>
public sealed record BatchSignatorySession(string Signatory, string CertificateSha256, DateTimeOffset SigningTime);
