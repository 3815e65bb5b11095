using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SecurityKit.Detection.Pii;

/// <summary>
/// Registers SecurityKit.Detection.Pii in a dependency-injection container.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services of SecurityKit.Detection.Pii, with options bound from <paramref name="configuration"/>'s
    /// <c>SecurityKit:Pii</c> section when a configuration is given.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Optional application configuration.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddSecurityKitPii(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PiiOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(PiiOptions.SectionName));
        }

        return services;
    }
}
