using SecurityKit.Pseudonymization.Keys;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// The pseudonymisation key ring the API uses: <c>Api:Pseudonymization:KeyRingFile</c>, else the
/// <c>SECURITYKIT_PSEUDONYMIZATION_KEYRING</c> environment variable, else — in Development only — a ring created on
/// first start in <c>&lt;data&gt;/development/</c>. Without any, the pseudonymisation endpoints answer 503.
/// </summary>
internal sealed class PseudonymizationKeys : IDisposable
{
    private PseudonymizationKeys(KeyRing? ring, PseudonymizerSettings settings, string? developmentFile)
    {
        Ring = ring;
        Settings = settings;
        DevelopmentFile = developmentFile;
    }

    /// <summary>The ring, or null when none is configured.</summary>
    public KeyRing? Ring { get; }

    /// <summary>How identifiers are pseudonymised (national-number mode, kept attributes).</summary>
    public PseudonymizerSettings Settings { get; }

    /// <summary>The development ring's file when one was created or reused.</summary>
    public string? DevelopmentFile { get; }

    public static PseudonymizationKeys Load(IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        var settings = configuration.GetSection("Api:Pseudonymization:Settings").Get<PseudonymizerSettings>() ?? new PseudonymizerSettings();
        var file = configuration["Api:Pseudonymization:KeyRingFile"];
        if (file is not null)
        {
            return new(KeyRing.Load(Path.IsPathRooted(file) ? file : Path.Combine(environment.ContentRootPath, file)), settings, null);
        }

        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KeyRing.EnvironmentVariable)))
        {
            return new(KeyRing.FromEnvironment(), settings, null);
        }

        if (!environment.IsDevelopment())
        {
            return new(null, settings, null);
        }

        var development = Path.Combine(dataDirectory, "development", "pseudonymization-keyring.json");
        if (!File.Exists(development))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(development)!);
            using var created = KeyRing.CreateNew();
            created.Save(development);
        }

        return new(KeyRing.Load(development), settings, development);
    }

    /// <summary>A pseudonymiser for one type and domain with the domain's key (dispose it after use).</summary>
    public IdentifierPseudonymizer Create(IdentifierType type, string domain)
    {
        var ring = Ring ?? throw new InvalidOperationException("no pseudonymisation key ring is configured");
        return Settings.Create(type, ring.ForDomain(domain).Material, domain);
    }

    public void Dispose() => Ring?.Dispose();
}
