namespace SecurityKit.Signing.Batch;

/// <summary>A batch, or a document or signatory in it, does not exist.</summary>
public sealed class BatchNotFoundException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    public BatchNotFoundException()
        : base("no such batch")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What is missing.</param>
    public BatchNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What is missing.</param>
    /// <param name="innerException">The cause.</param>
    public BatchNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error with where it was looked for.</summary>
    /// <param name="message">What is missing.</param>
    /// <param name="location">Where.</param>
    public BatchNotFoundException(string message, string location)
        : base(message, location)
    {
    }
}
