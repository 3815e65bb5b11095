namespace SecurityKit.Detection.Pii;

/// <summary>A text longer than <see cref="PiiOptions.MaxTextLength"/> was given to the detector.</summary>
public sealed class PiiInputTooLargeException : SecurityKitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="length">Length of the text, in UTF-16 code units.</param>
    /// <param name="limit">The configured limit.</param>
    /// <param name="location">Where the text came from (a line, a message).</param>
    public PiiInputTooLargeException(int length, int limit, string? location = null)
        : base($"text of {length} characters exceeds the PII scan limit of {limit} characters", location ?? "text")
    {
        Length = length;
        Limit = limit;
    }

    /// <summary>Length of the rejected text.</summary>
    public int Length { get; }

    /// <summary>The configured limit.</summary>
    public int Limit { get; }
}
