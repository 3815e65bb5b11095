using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SecurityKit.Detection.Anomaly;

/// <summary>
/// Registers SecurityKit.Detection.Anomaly in a dependency-injection container.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services of SecurityKit.Detection.Anomaly, with options bound from <paramref name="configuration"/>'s
    /// <c>SecurityKit:Anomaly</c> section when a configuration is given.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Optional application configuration.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddSecurityKitAnomaly(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AnomalyOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(AnomalyOptions.SectionName));
        }

        return services;
    }
}
