namespace SecurityKit.Pseudonymization.Fpe;

/// <summary>An FF1 or FF3-1 input that breaks a rule of NIST SP 800-38G; <see cref="Error"/> says which.</summary>
public sealed class FpeException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="error">The rule broken.</param>
    /// <param name="message">What is wrong (never the key, never the input).</param>
    /// <param name="location">Where: <c>key</c>, <c>tweak</c>, <c>radix</c>, <c>input position 3</c>.</param>
    public FpeException(FpeError error, string message, string location)
        : base(message, location)
    {
        Error = error;
    }

    /// <summary>Creates an error without details (for serializers).</summary>
    public FpeException()
    {
    }

    /// <summary>Creates an error with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public FpeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FpeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rule broken.</summary>
    public FpeError Error { get; }
}
