namespace SecurityKit.Signing;

/// <summary>
/// Options of SecurityKit.Signing, bound from the configuration section <c>SecurityKit:Signing</c>.
/// </summary>
public sealed class SigningOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SecurityKit:Signing";

    /// <summary>
    /// Folder where this library keeps its embedded-default state (software keys, SQLite stores).
    /// Relative paths are resolved against the current directory.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The RFC 3161 timestamp authority for B-T and higher levels; none (B-B only) when empty.</summary>
    public Uri? TimestampAuthorityUrl { get; set; }

    /// <summary>A TSA policy OID to request, if the TSA needs one.</summary>
    public string? TimestampPolicy { get; set; }
}
