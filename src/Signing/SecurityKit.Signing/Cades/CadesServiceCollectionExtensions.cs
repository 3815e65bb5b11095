using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Timestamps;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Signing.Cades;

/// <summary>Registers the CAdES services; called by <see cref="ServiceCollectionExtensions.AddSecurityKitSigning"/>.</summary>
internal static class CadesServiceCollectionExtensions
{
    public const string HttpClientName = "SecurityKit.Signing";

    public static IServiceCollection AddCadesSigning(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName);
        // The revocation cache uses the application's IDistributedCache (e.g. Redis) when one is registered,
        // process memory otherwise.
        services.TryAddSingleton(sp => new RevocationCache(sp.GetService<IDistributedCache>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new RevocationChecker(Http(sp), sp.GetRequiredService<RevocationCache>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new ValidationDataCollector(sp.GetRequiredService<RevocationChecker>(), null, sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SigningOptions>>().Value;
            ITimestampClient? timestamps = options.TimestampAuthorityUrl is { } url
                ? new HttpTimestampClient(Http(sp), new TimestampClientOptions { Url = url, Policy = options.TimestampPolicy })
                : null;
            return new CadesService(timestamps, sp.GetRequiredService<ValidationDataCollector>(), sp.GetService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new CadesValidator(sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new SignedDocumentValidator(sp.GetService<IPdfSignatureValidator>(), sp.GetRequiredService<CadesValidator>()));
        return services;
    }

    private static HttpClient Http(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
}
