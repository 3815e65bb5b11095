namespace SecurityKit.Signing.Pdf;

/// <summary>
/// The input is not a PDF this library can read or update safely: not a PDF at all, truncated, a broken
/// cross-reference table, an encrypted document, or a structure the operation cannot accept. The location names the
/// byte offset or object.
/// </summary>
public class PdfFormatException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    public PdfFormatException()
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    public PdfFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PdfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error saying what is wrong and where.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="location">Where: a byte offset, an object number.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PdfFormatException(string message, string? location, Exception? innerException = null)
        : base(message, location, innerException)
    {
    }
}
