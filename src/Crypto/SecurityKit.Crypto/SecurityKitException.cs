namespace SecurityKit;

/// <summary>
/// Base class of every error SecurityKit reports about bad input or a failing peer. The message says what is wrong
/// and <see cref="Location"/> says where (a row, a byte offset, a field, a file); neither ever holds a secret or a
/// full identifier, so hosts may show both to a user as they are.
/// </summary>
public class SecurityKitException : Exception
{
    /// <summary>Creates an error with a message and no location.</summary>
    public SecurityKitException()
    {
    }

    /// <summary>Creates an error with a message and no location.</summary>
    /// <param name="message">What is wrong.</param>
    public SecurityKitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SecurityKitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error that says what is wrong and where.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="location">Where it is wrong: a file and row, a byte offset, a field name.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SecurityKitException(string message, string? location, Exception? innerException = null)
        : base(message, innerException)
    {
        Location = location;
    }

    /// <summary>Where the problem is (file, row, column, byte offset, field), or <see langword="null"/>.</summary>
    public string? Location { get; }
}
