namespace SecurityKit.Crypto;

/// <summary>
/// Options of SecurityKit.Crypto, bound from the configuration section <c>SecurityKit:Crypto</c>.
/// </summary>
public sealed class CryptoOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SecurityKit:Crypto";

    /// <summary>
    /// Folder where this library keeps its embedded-default state (software keys, SQLite stores).
    /// Relative paths are resolved against the current directory.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Named crypto policies (<c>SecurityKit:Crypto:Policies:&lt;name&gt;:Signature</c> and <c>:KeyEncapsulation</c>).
    /// Names not configured fall back to <see cref="ConfiguredCryptoPolicyProvider.Defaults"/>.
    /// </summary>
    public Dictionary<string, CryptoPolicyOptions> Policies { get; } = new(StringComparer.OrdinalIgnoreCase);
}
