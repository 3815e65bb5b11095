using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.OpenApi;

/// <summary>
/// Describes the API's authentication in the OpenAPI document: a JWT bearer scheme and an API-key scheme
/// (OpenAPI 3.1 §4.8.27), and on every protected operation the scope it needs and the 401/403 answers.
/// </summary>
internal sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string Bearer = "Bearer";
    private const string Key = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token (RFC 9068) whose `scope` claim grants the operation's scope.",
        };
        document.Components.SecuritySchemes[Key] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A service-to-service API key (`skk_<id>_<secret>`) configured with the operation's scope.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        var scopes = metadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy)
            .Where(p => p is not null && p.StartsWith("scope:", StringComparison.Ordinal))
            .Select(p => p!["scope:".Length..])
            .ToList();
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = scopes });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Key, context.Document)] = scopes });
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid token or API key." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The caller lacks the scope " + string.Join(", ", scopes) + "." });
        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Too many requests from this client." });
        return Task.CompletedTask;
    }
}
