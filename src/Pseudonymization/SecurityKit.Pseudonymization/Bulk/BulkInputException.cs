using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Bulk;

/// <summary>An invalid identifier in bulk input under <see cref="InvalidIdentifierPolicy.Fail"/>; names the line (and column) and rule, never the value.</summary>
public sealed class BulkInputException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="location">Where: <c>line 12</c>, <c>row 12, column nrn</c>.</param>
    /// <param name="error">The rule broken.</param>
    public BulkInputException(string message, string location, IdentifierError error)
        : base(message, location)
    {
        Error = error;
    }

    /// <summary>Creates an error without details.</summary>
    public BulkInputException()
    {
    }

    /// <summary>Creates an error with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public BulkInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public BulkInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rule broken.</summary>
    public IdentifierError Error { get; }
}
