using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SecurityKit.Pseudonymization;

/// <summary>
/// Registers SecurityKit.Pseudonymization in a dependency-injection container.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services of SecurityKit.Pseudonymization, with options bound from <paramref name="configuration"/>'s
    /// <c>SecurityKit:Pseudonymization</c> section when a configuration is given.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Optional application configuration.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddSecurityKitPseudonymization(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PseudonymizationOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(PseudonymizationOptions.SectionName));
        }

        return services;
    }
}
