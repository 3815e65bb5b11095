using Scalar.AspNetCore;

namespace SecurityKit.ReferenceApi.Extensions;

/// <summary>
/// Service registration and the HTTP pipeline, kept out of Program.cs (the eShop shape, see STYLE.md).
/// </summary>
internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // RFC 9457 problem details for every error; never a stack trace, whatever the environment.
        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context => context.ProblemDetails.Extensions.Remove("exception"));
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks();
    }

    public static void UseApplicationPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }

        app.MapHealthChecks("/health");
    }
}
