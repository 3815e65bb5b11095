namespace SecurityKit.Detection.Pii;

/// <summary>
/// A recogniser defined in configuration: a regular expression (run by .NET's non-backtracking engine with a
/// timeout), an optional checksum validator and context words that raise the score.
/// </summary>
public sealed class CustomRecognizerOptions
{
    /// <summary>A name for diagnostics.</summary>
    public string Name { get; set; } = "custom";

    /// <summary>Contract name of the entity type the matches are reported as (e.g. <c>NATIONAL_NUMBER</c>).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The pattern. Constructs the non-backtracking engine rejects (back-references, look-arounds) are refused.</summary>
    public string Pattern { get; set; } = string.Empty;

    /// <summary>
    /// Validator applied to the match's digits (and letters, for <c>iban</c>): <c>none</c>, <c>luhn</c>, <c>mod97</c>
    /// (last two digits = 97 − rest mod 97), <c>niss</c>, <c>kbo</c>, <c>iban</c>.
    /// </summary>
    public string Validator { get; set; } = "none";

    /// <summary>Score of a match without context.</summary>
    public double Score { get; set; } = 0.6;

    /// <summary>Words that, within 40 characters before a match, raise its score by <see cref="ContextBoost"/>.</summary>
    public List<string> ContextWords { get; } = [];

    /// <summary>How much a context word raises the score.</summary>
    public double ContextBoost { get; set; } = 0.3;
}
