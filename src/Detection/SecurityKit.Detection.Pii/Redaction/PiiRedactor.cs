using Microsoft.Extensions.Compliance.Redaction;

namespace SecurityKit.Detection.Pii.Redaction;

/// <summary>
/// A Microsoft.Extensions.Compliance.Redaction <see cref="Redactor"/> backed by the detector, for applications that
/// already classify their data: the personal data found in a value is masked (letters and digits become <c>*</c>,
/// separators stay), everything else is kept. Masking keeps the length, so <see cref="GetRedactedLength"/> needs no
/// detection and the framework's buffers are sized exactly.
/// </summary>
public sealed class PiiRedactor : Redactor
{
    private readonly PiiDetector detector;

    /// <summary>Creates the redactor over the shared default detector.</summary>
    public PiiRedactor()
        : this(PiiDetector.Default)
    {
    }

    /// <summary>Creates the redactor over <paramref name="detector"/>.</summary>
    /// <param name="detector">The detector.</param>
    public PiiRedactor(PiiDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        this.detector = detector;
    }

    /// <inheritdoc />
    public override int GetRedactedLength(ReadOnlySpan<char> input) => input.Length;

    /// <inheritdoc />
    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination is shorter than GetRedactedLength(source)", nameof(destination));
        }

        source.CopyTo(destination);
        foreach (var e in detector.Detect(source))
        {
            var span = destination[e.Start..e.End];
            for (var i = 0; i < span.Length; i++)
            {
                if (char.IsLetterOrDigit(span[i]))
                {
                    span[i] = '*';
                }
            }
        }

        return source.Length;
    }
}
