using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecurityKit.Pseudonymization.Keys;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.Pseudonymization;

/// <summary>
/// Registers SecurityKit.Pseudonymization in a dependency-injection container.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services of SecurityKit.Pseudonymization, with options bound from <paramref name="configuration"/>'s
    /// <c>SecurityKit:Pseudonymization</c> section when a configuration is given: the options, and a singleton
    /// <see cref="PseudonymizerProvider"/> whose key ring is loaded, on first use, from the configured key file or
    /// environment variable.
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

        services.AddSingleton(provider =>
        {
            var value = provider.GetRequiredService<IOptions<PseudonymizationOptions>>().Value;
            var ring = value.KeyEnvironmentVariable is { Length: > 0 } variable
                ? KeyRing.FromEnvironment(variable)
                : KeyRing.Load(Path.Combine(value.DataDirectory, value.KeyFile));
            return new PseudonymizerProvider(ring, value.ToSettings(), value.KeyName);
        });
        return services;
    }
}
