namespace SecurityKit.Signing.Timestamps;

/// <summary>A timestamp could not be obtained: the TSA is down, refused, or answered garbage.</summary>
public sealed class TimestampException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    public TimestampException()
    {
    }

    /// <summary>Creates the error.</summary>
    public TimestampException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public TimestampException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error with the TSA's address as location.</summary>
    public TimestampException(string message, string? location, Exception? innerException = null)
        : base(message, location, innerException)
    {
    }
}
