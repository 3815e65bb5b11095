using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;
using SecurityKit.Detection.Pii.ChatClient;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.Vault;

namespace SecurityKit.Detection.Pii.SemanticKernel;

/// <summary>Registers the <see cref="PiiKernelFilter"/> on a kernel or a kernel builder.</summary>
public static class PiiKernelExtensions
{
    /// <summary>Adds <paramref name="filter"/> as prompt-render, function-invocation and auto-function-invocation filter.</summary>
    /// <param name="kernel">The kernel.</param>
    /// <param name="filter">The filter.</param>
    /// <returns>The kernel.</returns>
    public static Kernel UsePiiFilter(this Kernel kernel, PiiKernelFilter filter)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(filter);
        kernel.PromptRenderFilters.Add(filter);
        kernel.FunctionInvocationFilters.Add(filter);
        kernel.AutoFunctionInvocationFilters.Add(filter);
        return kernel;
    }

    /// <summary>
    /// Registers the filter in the kernel builder's services. The anonymizer, vault and audit sink come from the
    /// services (as registered by <see cref="ServiceCollectionExtensions.AddSecurityKitPii"/>) when present, else from
    /// defaults (the shared detector, an in-memory vault with a random key).
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the policy resolver and the audit sink.</param>
    /// <returns>The builder.</returns>
    public static IKernelBuilder AddPiiFilter(this IKernelBuilder builder, Action<PiiKernelFilterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(services =>
        {
            var options = new PiiKernelFilterOptions { AuditSink = services.GetService<IPiiAuditSink>() };
            configure?.Invoke(options);
            var anonymizer = services.GetService<PiiAnonymizer>() ?? new PiiAnonymizer(services.GetService<PiiDetector>() ?? PiiDetector.Default);
            var vault = services.GetService<IPlaceholderVault>() ?? new PlaceholderVault(
                new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions())),
                RandomNumberGenerator.GetBytes(32),
                new PiiVaultOptions().TimeToLive);
            return new PiiKernelFilter(anonymizer, vault, options);
        });
        builder.Services.AddSingleton<IPromptRenderFilter>(s => s.GetRequiredService<PiiKernelFilter>());
        builder.Services.AddSingleton<IFunctionInvocationFilter>(s => s.GetRequiredService<PiiKernelFilter>());
        builder.Services.AddSingleton<IAutoFunctionInvocationFilter>(s => s.GetRequiredService<PiiKernelFilter>());
        return builder;
    }
}
