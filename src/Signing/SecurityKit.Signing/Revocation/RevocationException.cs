namespace SecurityKit.Signing.Revocation;

/// <summary>Revocation data could not be obtained or does not verify.</summary>
public sealed class RevocationException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    public RevocationException()
    {
    }

    /// <summary>Creates the error.</summary>
    public RevocationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public RevocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error with its source as location.</summary>
    public RevocationException(string message, string? location, Exception? innerException = null)
        : base(message, location, innerException)
    {
    }
}
