namespace SecurityKit.Signing.Batch;

/// <summary>
/// A signatory tried to sign with another certificate than the one their session in this batch is bound to. All the
/// documents a signatory signs in one batch carry one certificate; a change is refused rather than silently mixed.
/// </summary>
public sealed class BatchCertificateChangedException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    public BatchCertificateChangedException()
        : base("the certificate differs from the one this signatory's session is bound to")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    public BatchCertificateChangedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public BatchCertificateChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for a signatory of a batch.</summary>
    /// <param name="batchId">Batch id.</param>
    /// <param name="signatory">Signatory id.</param>
    public BatchCertificateChangedException(string batchId, string signatory)
        : base("the certificate differs from the one this signatory's session is bound to; a signatory signs all documents of a batch with one certificate", $"batch {batchId}, signatory {signatory}")
    {
    }
}
