using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.Vault;

namespace SecurityKit.Detection.Pii;

/// <summary>
/// Registers SecurityKit.Detection.Pii in a dependency-injection container.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services of SecurityKit.Detection.Pii, with options bound from <paramref name="configuration"/>'s
    /// <c>SecurityKit:Pii</c> section when a configuration is given: the <see cref="PiiDetector"/>, the
    /// <see cref="PiiAnonymizer"/> and the <see cref="IPlaceholderVault"/> (process memory by default; Redis when
    /// <c>Vault:RedisConfiguration</c> is set; the application's <see cref="IDistributedCache"/> when
    /// <c>Vault:UseDistributedCache</c> is true).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Optional application configuration.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddSecurityKitPii(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PiiOptions>();
        PiiVaultOptions? vaultOptions = null;
        if (configuration is not null)
        {
            var section = configuration.GetSection(PiiOptions.SectionName);
            options.Bind(section);
            vaultOptions = section.GetSection("Vault").Get<PiiVaultOptions>();
        }

        services.TryAddSingleton(sp => new PiiDetector(sp.GetRequiredService<IOptions<PiiOptions>>().Value));
        services.TryAddSingleton(sp => new PiiAnonymizer(sp.GetRequiredService<PiiDetector>()));
        if (!string.IsNullOrEmpty(vaultOptions?.RedisConfiguration))
        {
            services.AddStackExchangeRedisCache(o => o.Configuration = vaultOptions.RedisConfiguration);
        }
        else if (vaultOptions?.UseDistributedCache != true)
        {
            services.AddDistributedMemoryCache();
        }

        services.TryAddSingleton<IPlaceholderVault>(sp =>
        {
            var vault = sp.GetRequiredService<IOptions<PiiOptions>>().Value.Vault;
            var key = string.IsNullOrEmpty(vault.Key) ? RandomNumberGenerator.GetBytes(32) : DecodeKey(vault.Key);
            return new PlaceholderVault(sp.GetRequiredService<IDistributedCache>(), key, vault.TimeToLive);
        });
        return services;
    }

    private static byte[] DecodeKey(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new SecurityKitException("the vault key is not base64", $"{PiiOptions.SectionName}:Vault:Key");
        }
    }
}
