namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// Finds one or more kinds of personal data in a text. Recognisers are stateless, thread-safe and span-based: they
/// read the text and add candidate entities (offsets into that text) to a result list; the detector
/// then applies context, thresholds and overlap resolution.
/// </summary>
public interface IPiiRecognizer
{
    /// <summary>A short name for diagnostics and configuration.</summary>
    string Name { get; }

    /// <summary>Adds the candidates found in <paramref name="text"/> to <paramref name="results"/>.</summary>
    /// <param name="text">The text to scan.</param>
    /// <param name="results">Where to add candidates.</param>
    void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results);
}
