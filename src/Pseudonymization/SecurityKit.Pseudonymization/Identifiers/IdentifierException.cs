namespace SecurityKit.Pseudonymization.Identifiers;

/// <summary>An identifier that fails validation; the message names the rule and position, never the identifier.</summary>
public sealed class IdentifierException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="kind">The identifier kind, e.g. <c>national number</c>.</param>
    /// <param name="error">The rule and position.</param>
    /// <param name="location">Where the identifier was read (a line, a row and column), or <see langword="null"/>.</param>
    public IdentifierException(string kind, IdentifierError error, string? location = null)
        : base(error.Describe(kind), location ?? (error.Position > 0 ? $"position {error.Position}" : kind))
    {
        Error = error;
    }

    /// <summary>Creates an error without details.</summary>
    public IdentifierException()
    {
    }

    /// <summary>Creates an error with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public IdentifierException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IdentifierException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rule broken and where.</summary>
    public IdentifierError Error { get; }
}
