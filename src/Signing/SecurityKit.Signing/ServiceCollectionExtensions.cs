using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecurityKit.Signing.Cades;

namespace SecurityKit.Signing;

/// <summary>
/// Registers SecurityKit.Signing in a dependency-injection container.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services of SecurityKit.Signing, with options bound from <paramref name="configuration"/>'s
    /// <c>SecurityKit:Signing</c> section when a configuration is given.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Optional application configuration.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddSecurityKitSigning(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SigningOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(SigningOptions.SectionName));
        }

        services.AddCadesSigning();
        return services;
    }
}
