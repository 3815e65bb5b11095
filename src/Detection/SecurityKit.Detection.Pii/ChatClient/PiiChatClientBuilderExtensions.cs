using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.Vault;

namespace SecurityKit.Detection.Pii.ChatClient;

/// <summary><c>builder.UsePiiFilter(...)</c> for Microsoft.Extensions.AI chat pipelines.</summary>
public static class PiiChatClientBuilderExtensions
{
    /// <summary>
    /// Adds the PII filter to the pipeline. The anonymizer and vault come from the services registered by
    /// <see cref="ServiceCollectionExtensions.AddSecurityKitPii"/> when present, else from defaults (in-memory vault).
    /// </summary>
    /// <param name="builder">The chat client builder.</param>
    /// <param name="configure">Sets the policy resolver and the audit sink.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UsePiiFilter(this ChatClientBuilder builder, Action<PiiFilterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var options = new PiiFilterOptions { AuditSink = services.GetService<IPiiAuditSink>() };
            configure?.Invoke(options);
            var anonymizer = services.GetService<PiiAnonymizer>() ?? new PiiAnonymizer(services.GetService<PiiDetector>() ?? PiiDetector.Default);
            var vault = services.GetService<IPlaceholderVault>() ?? DefaultVault.Instance;
            return new PiiFilteringChatClient(inner, anonymizer, vault, options);
        });
    }

    private static class DefaultVault
    {
        public static readonly IPlaceholderVault Instance = new PlaceholderVault(
            new Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions())),
            System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            new PiiVaultOptions().TimeToLive);
    }
}
