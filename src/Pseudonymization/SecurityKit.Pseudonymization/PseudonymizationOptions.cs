using SecurityKit.Pseudonymization.Pseudonymizers;

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

    /// <summary>The key file (made by <c>securitykit keys create</c>); relative paths are under <see cref="DataDirectory"/>. Default <c>pseudonymization-keys.json</c>.</summary>
    public string KeyFile { get; set; } = "pseudonymization-keys.json";

    /// <summary>When set, keys are read from this environment variable instead of <see cref="KeyFile"/>.</summary>
    public string? KeyEnvironmentVariable { get; set; }

    /// <summary>The key name used for domains not pinned in the key file.</summary>
    public string KeyName { get; set; } = Keys.KeyRing.DefaultKeyName;

    /// <summary>National numbers: disjoint (default) or valid pseudonyms.</summary>
    public NationalNumberPseudonymMode NationalNumberMode { get; set; } = NationalNumberPseudonymMode.Disjoint;

    /// <summary>National numbers: keep the birth year.</summary>
    public bool KeepBirthYear { get; set; }

    /// <summary>National numbers: keep the parity of the sequence number.</summary>
    public bool KeepGenderParity { get; set; }

    /// <summary>IBANs: keep the bank code.</summary>
    public bool KeepBankCode { get; set; }

    /// <summary>The pseudonymiser settings these options describe.</summary>
    /// <returns>The settings.</returns>
    public PseudonymizerSettings ToSettings() => new()
    {
        NationalNumber = new NationalNumberPseudonymOptions { Mode = NationalNumberMode, KeepBirthYear = KeepBirthYear, KeepGenderParity = KeepGenderParity },
        KeepBankCode = KeepBankCode,
    };
}
