using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SecurityKit.ReferenceApi.Security;

/// <summary>Authentication (JWT bearer or API key, chosen per request) and one authorisation policy per scope.</summary>
internal static class SecurityServiceExtensions
{
    /// <summary>The policy scheme that forwards to the bearer or the API-key handler.</summary>
    public const string Scheme = "SecurityKit";

    public static void AddApiSecurity(this IHostApplicationBuilder builder, string dataDirectory)
    {
        var section = builder.Configuration.GetSection(ApiSecurityOptions.Section);
        var configured = section.Get<ApiSecurityOptions>() ?? new ApiSecurityOptions();
        if (builder.Environment.IsDevelopment() && !configured.Jwt.IsConfigured && configured.ApiKeys.Count == 0)
        {
            var development = DevelopmentCredentials.LoadOrCreate(dataDirectory);
            builder.Configuration.AddInMemoryCollection(development.AsConfiguration());
            builder.Services.AddSingleton(development);
        }

        builder.Services.Configure<ApiSecurityOptions>(builder.Configuration.GetSection(ApiSecurityOptions.Section));
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerConfiguration>();
        builder.Services
            .AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or API key", options =>
                options.ForwardDefaultSelector = context =>
                    ApiKeyAuthenticationHandler.ReadKey(context.Request) is not null
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        var authorization = builder.Services.AddAuthorizationBuilder()
            // Secure by default: an endpoint that names no policy still needs an authenticated caller.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(Scopes.PolicyFor(scope), policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => Caller.HasScope(context.User, scope)));
        }

        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
    }

    /// <summary>Requires <paramref name="scope"/> for every endpoint of <paramref name="builder"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Scopes.PolicyFor(scope));

    /// <summary>Logs the development credentials, clearly marked, when they are in use.</summary>
    public static void LogDevelopmentCredentials(this WebApplication app)
    {
        var development = app.Services.GetService<DevelopmentCredentials>();
        if (development is null)
        {
            return;
        }

        var token = development.CreateToken(TimeSpan.FromHours(12), TimeProvider.System);
#pragma warning disable CA1848, CA2254 // Logged once at start; a message template is not worth it here.
        app.Logger.LogWarning(
            "DEVELOPMENT ONLY — credentials created in {Folder}; never use them outside development.\n" +
            "  API key (all scopes):  X-Api-Key: {ApiKey}\n" +
            "  Bearer token (12 h, all scopes, issuer {Issuer}, audience {Audience}):\n  Authorization: Bearer {Token}",
            development.Folder, development.ApiKey, DevelopmentCredentials.Issuer, DevelopmentCredentials.Audience, token);
#pragma warning restore CA1848, CA2254
    }
}
