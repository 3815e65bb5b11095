using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SecurityKit.Crypto;

/// <summary>
/// Registers SecurityKit.Crypto in a dependency-injection container.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services of SecurityKit.Crypto, with options bound from <paramref name="configuration"/>'s
    /// <c>SecurityKit:Crypto</c> section when a configuration is given.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Optional application configuration.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddSecurityKitCrypto(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CryptoOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(CryptoOptions.SectionName));
        }

        services.TryAddSingleton<ICryptoPolicyProvider, ConfiguredCryptoPolicyProvider>();

        return services;
    }
}
