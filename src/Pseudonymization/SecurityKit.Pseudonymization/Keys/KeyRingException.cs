namespace SecurityKit.Pseudonymization.Keys;

/// <summary>A key file or key-ring problem (unreadable, malformed, corrupted, unknown key); never shows key material.</summary>
public sealed class KeyRingException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="location">Where (the key file, a key name).</param>
    /// <param name="innerException">The cause.</param>
    public KeyRingException(string message, string? location, Exception? innerException = null)
        : base(message, location, innerException)
    {
    }

    /// <summary>Creates an error without details.</summary>
    public KeyRingException()
    {
    }

    /// <summary>Creates an error with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public KeyRingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public KeyRingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
