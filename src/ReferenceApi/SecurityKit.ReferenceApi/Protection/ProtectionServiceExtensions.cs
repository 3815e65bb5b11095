using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SecurityKit.ReferenceApi.Security;
using StackExchange.Redis;

namespace SecurityKit.ReferenceApi.Protection;

/// <summary>Rate limiting per client, request body limits and request timeouts.</summary>
internal static class ProtectionServiceExtensions
{
    public static void AddApiProtection(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ProtectionOptions.Section).Get<ProtectionOptions>() ?? new ProtectionOptions();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        var shared = !string.IsNullOrWhiteSpace(options.RedisConfiguration);
        if (shared)
        {
            // Connects in the background and reconnects by itself; a Redis outage never stops the API from starting.
            var configuration = ConfigurationOptions.Parse(options.RedisConfiguration!);
            configuration.AbortOnConnectFail = false;
            builder.Services.AddKeyedSingleton<IConnectionMultiplexer>(ProtectionOptions.Section, (_, _) => ConnectionMultiplexer.Connect(configuration));
        }

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One window per client: in Redis when configured (one limit across every node), else in this node's memory.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                shared
                    ? RateLimitPartition.Get(ClientKey(context), key => new RedisFixedWindowRateLimiter(
                        context.RequestServices.GetRequiredKeyedService<IConnectionMultiplexer>(ProtectionOptions.Section),
                        key,
                        options.PermitsPerWindow,
                        options.Window,
                        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<RedisFixedWindowRateLimiter>()))
                    : RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitsPerWindow,
                        Window = options.Window,
                        QueueLimit = 0,
                    }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter =
                        ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = "Too many requests from this client; retry later." },
                }).ConfigureAwait(false);
            };
        });

        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
    }

    /// <summary>The rate-limit partition: the authenticated caller, else the remote address.</summary>
    internal static string ClientKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? Caller.Actor(context.User)
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>Sets the largest body these endpoints accept (overrides the global limit; Kestrel enforces it).</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long? maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(maxBytes));
}

/// <summary>Endpoint metadata read by routing to set the request's body size limit (null: unlimited, for streams).</summary>
/// <param name="MaxRequestBodySize">The limit in bytes.</param>
internal sealed record RequestBodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;
