namespace SecurityKit.Pseudonymization;

/// <summary>
/// Options of SecurityKit.Pseudonymization, bound from the configuration section <c>SecurityKit:Pseudonymization</c>.
/// </summary>
public sealed class PseudonymizationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SecurityKit:Pseudonymization";

    /// <summary>
    /// Folder where this library keeps its embedded-default state (software keys, SQLite stores).
    /// Relative paths are resolved against the current directory.
    /// </summary>
    public string DataDirectory { get; set; } = "data";
}
