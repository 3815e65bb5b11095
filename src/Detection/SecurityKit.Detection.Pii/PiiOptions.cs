namespace SecurityKit.Detection.Pii;

/// <summary>
/// Options of SecurityKit.Detection.Pii, bound from the configuration section <c>SecurityKit:Pii</c>.
/// </summary>
public sealed class PiiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SecurityKit:Pii";

    /// <summary>Default minimum score an entity needs to be reported.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>
    /// Folder where this library keeps its embedded-default state (software keys, SQLite stores).
    /// Relative paths are resolved against the current directory.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Longest text (in UTF-16 code units) the detector accepts; longer texts are refused with
    /// <see cref="PiiInputTooLargeException"/> rather than scanned partially. Default 4 Mi characters.
    /// </summary>
    public int MaxTextLength { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Minimum score per entity type, keyed by contract name (<c>PERSON</c>, <c>PHONE</c>, …). Types not listed use
    /// <see cref="DefaultThreshold"/>.
    /// </summary>
    public Dictionary<string, double> Thresholds { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Entity types to detect, by contract name; empty means all types.
    /// </summary>
    public List<string> EnabledTypes { get; } = [];

    /// <summary>Recognisers added by configuration (a pattern, an optional validator and context words).</summary>
    public List<CustomRecognizerOptions> CustomRecognizers { get; } = [];

    /// <summary>The vault that keeps placeholders' originals per conversation.</summary>
    public PiiVaultOptions Vault { get; set; } = new();
}
