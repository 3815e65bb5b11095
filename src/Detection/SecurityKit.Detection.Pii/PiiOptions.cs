namespace SecurityKit.Detection.Pii;

/// <summary>
/// Options of SecurityKit.Detection.Pii, bound from the configuration section <c>SecurityKit:Pii</c>.
/// </summary>
public sealed class PiiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SecurityKit:Pii";

    /// <summary>
    /// Folder where this library keeps its embedded-default state (software keys, SQLite stores).
    /// Relative paths are resolved against the current directory.
    /// </summary>
    public string DataDirectory { get; set; } = "data";
}
