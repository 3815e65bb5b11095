namespace SecurityKit.Detection.Anomaly;

/// <summary>
/// Options of SecurityKit.Detection.Anomaly, bound from the configuration section <c>SecurityKit:Anomaly</c>.
/// </summary>
public sealed class AnomalyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SecurityKit:Anomaly";

    /// <summary>
    /// Folder where this library keeps its embedded-default state (software keys, SQLite stores).
    /// Relative paths are resolved against the current directory.
    /// </summary>
    public string DataDirectory { get; set; } = "data";
}
