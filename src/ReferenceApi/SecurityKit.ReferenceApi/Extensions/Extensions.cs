using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using SecurityKit.ReferenceApi.Apis;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Errors;
using SecurityKit.ReferenceApi.OpenApi;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Extensions;

/// <summary>
/// Service registration and the HTTP pipeline, kept out of Program.cs (the eShop shape, see STYLE.md).
/// </summary>
internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var dataDirectory = DataDirectory(builder);

        // RFC 9457 problem details for every error; never a stack trace, whatever the environment.
        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Extensions.Remove("exception");
                context.ProblemDetails.Detail ??= DefaultDetail(context.ProblemDetails.Status);
                context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Bad JSON, a wrong content type or a missing body raise BadHttpRequestException in every environment, so
        // that ProblemExceptionHandler answers them with a precise problem instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.MaxDepth = 32);

        builder.AddApiSecurity(dataDirectory);
        builder.AddAuditLog(dataDirectory);
        builder.AddApiProtection();
        builder.AddPiiServices();
        builder.AddChatCompletionsProxy();
        builder.AddLogServices();
        builder.AddPseudonymizationServices(dataDirectory);
        builder.AddSigningServices(dataDirectory);
        builder.AddBatchSigningServices(dataDirectory);

        builder.Services.AddOpenApi(options =>
        {
            var transformer = new SecuritySchemesTransformer();
            options.AddDocumentTransformer(transformer);
            options.AddOperationTransformer(transformer);
        });
        builder.Services.AddHealthChecks();
    }

    public static void UseApplicationPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseRequestTimeouts();
        app.LogDevelopmentCredentials();
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().AllowAnonymous();
        }

        app.MapHealthChecks("/health").AllowAnonymous().DisableRateLimiting();
        app.MapAuditApi();
        app.MapPseudonymizationApi();
        app.MapPiiApi();
        app.MapChatCompletionsApi(app.Services.GetRequiredService<LlmUpstream>().Options);
        app.MapSigningApi();
        app.MapBatchSigningApi();
        app.MapLogsApi();
        app.MapCryptoApi();
        app.MapRiskApi();
    }

    /// <summary>What an empty error answer means, said once for every endpoint.</summary>
    private static string? DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => "A valid bearer token or API key is required.",
        StatusCodes.Status403Forbidden => "The credentials do not grant the scope this operation requires.",
        StatusCodes.Status404NotFound => "No such resource.",
        StatusCodes.Status405MethodNotAllowed => "This resource does not accept that method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
        StatusCodes.Status415UnsupportedMediaType => "This endpoint does not accept that content type.",
        _ => null,
    };

    /// <summary>The data folder for the embedded defaults: <c>Api:DataDirectory</c>, or <c>data</c> under the content root.</summary>
    private static string DataDirectory(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration["Api:DataDirectory"] ?? "data";
        var path = Path.IsPathRooted(configured) ? configured : Path.Combine(builder.Environment.ContentRootPath, configured);
        Directory.CreateDirectory(path);
        return path;
    }
}
