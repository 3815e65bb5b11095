using Microsoft.Extensions.Options;

namespace SecurityKit.Crypto;

/// <summary>
/// Policies from <see cref="CryptoOptions.Policies"/>, read through <see cref="IOptionsMonitor{TOptions}"/> on each
/// call so that a configuration reload switches algorithms at once. Built-in defaults apply to names the
/// configuration does not mention: <c>documents</c> = composite ML-DSA-65 + ECDSA-P256, <c>seal</c> = RSA-3072-PSS,
/// <c>envelope</c> = X25519 + ML-KEM-768 (X-Wing).
/// </summary>
public sealed class ConfiguredCryptoPolicyProvider : ICryptoPolicyProvider
{
    private readonly IOptionsMonitor<CryptoOptions> _options;

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The crypto options.</param>
    public ConfiguredCryptoPolicyProvider(IOptionsMonitor<CryptoOptions> options)
    {
        _options = options;
    }

    /// <summary>The built-in policies.</summary>
    public static IReadOnlyDictionary<string, CryptoPolicyOptions> Defaults { get; } = new Dictionary<string, CryptoPolicyOptions>(StringComparer.OrdinalIgnoreCase)
    {
        ["documents"] = new() { Signature = SignatureAlgorithm.MlDsa65EcdsaP256.Name },
        ["seal"] = new() { Signature = SignatureAlgorithm.Rsa3072Pss.Name },
        ["envelope"] = new() { KeyEncapsulation = KeyEncapsulationAlgorithm.X25519MlKem768.Name },
    };

    /// <inheritdoc/>
    public CryptoPolicy GetPolicy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var configured = _options.CurrentValue.Policies
            .FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        if (configured is null && !Defaults.TryGetValue(name, out configured))
        {
            throw new SecurityKitException($"no crypto policy named '{name}'", $"{CryptoOptions.SectionName}:Policies");
        }

        var location = $"{CryptoOptions.SectionName}:Policies:{name}";
        return new CryptoPolicy(
            name,
            configured.Signature is { Length: > 0 } s ? Resolve<SignatureAlgorithm>(s, location + ":Signature") : null,
            configured.KeyEncapsulation is { Length: > 0 } k ? Resolve<KeyEncapsulationAlgorithm>(k, location + ":KeyEncapsulation") : null);
    }

    private static T Resolve<T>(string name, string location)
        where T : Algorithm =>
        Algorithm.TryFromName(name, out var algorithm) && algorithm is T typed
            ? typed
            : throw new UnsupportedAlgorithmException(name, location);
}
