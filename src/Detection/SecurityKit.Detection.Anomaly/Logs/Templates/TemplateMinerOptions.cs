namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>
/// Settings of <see cref="TemplateMiner"/>. The defaults are one general setting for every kind of log (no per-system
/// tuning); they were chosen on the eight Loghub development systems and are documented in docs/logs.md.
/// </summary>
public sealed class TemplateMinerOptions
{
    /// <summary>
    /// Share of a template's fixed tokens a message must repeat to join it (Drain's similarity threshold, computed over
    /// the template's fixed positions only, so masked values neither help nor hurt).
    /// </summary>
    public double SimilarityThreshold { get; set; } = 0.7;

    /// <summary>How many leading tokens route a message in the parse tree (Drain's depth minus two).</summary>
    public int LeadingTokens { get; set; } = 1;

    /// <summary>Most children of a tree node before new tokens share the wildcard branch (Drain's maxChild).</summary>
    public int MaxChildren { get; set; } = 100;

    /// <summary>Tokens beyond this count are folded into one trailing wildcard (bounds work on very long lines).</summary>
    public int MaxTokens { get; set; } = 200;

    /// <summary>Most distinct tokens remembered; later unseen tokens count as variables (bounds memory).</summary>
    public int VocabularyCapacity { get; set; } = 1 << 20;

    /// <summary>Most templates kept; once reached, a message that fits none joins the nearest one of its length.</summary>
    public int MaxClusters { get; set; } = 100_000;

    /// <summary>Whether a run of spaces separates two tokens (else each space does, and empty values keep their place).</summary>
    public bool CollapseWhitespace { get; set; } = true;

    /// <summary>
    /// After the stream, a wildcard position that only ever held this many distinct words (never a value) is read as
    /// fixed text (a state, a keyword, a unit) and splits its template. 0 disables splitting.
    /// </summary>
    public int FewValuedLimit { get; set; } = 3;

    /// <summary>
    /// The larger count of distinct words up to which a position reads as fixed text while every word it held is an
    /// upper-case identifier (<c>ADD</c>, <c>UPDATE</c>, <c>DELETE</c>, <c>REMOVE</c>: an enumeration in code, not data).
    /// </summary>
    public int FewValuedConstantLimit { get; set; } = 8;

    /// <summary>Most variants (distinct messages once values are masked) tracked per template; beyond, it is not split.</summary>
    public int MaxVariantsPerTemplate { get; set; } = 1024;

    /// <summary>After the stream, merge templates that are the same text, or that one template's fixed text covers.</summary>
    public bool MergeAfterStream { get; set; } = true;
}
