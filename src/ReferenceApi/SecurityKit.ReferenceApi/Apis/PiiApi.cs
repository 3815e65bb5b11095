using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SecurityKit.Audit;
using SecurityKit.Detection.Pii;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// PII detection over HTTP (scope <c>pii</c>): the entities of a text, with UTF-16 offsets and types named as in
/// CONTRACTS.md. The audit log records how many entities of which types were found — never the text.
/// </summary>
internal static class PiiApi
{
    /// <summary>A scan body is JSON text; 1 MiB keeps one request cheap (split longer documents).</summary>
    public const long MaxScanBodyBytes = 1024 * 1024;

    public static void AddPiiServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSecurityKitPii(builder.Configuration);
        builder.Services.AddSingleton(services => new PiiDetector(services.GetRequiredService<IOptions<PiiOptions>>().Value));
    }

    public static RouteGroupBuilder MapPiiApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/pii").WithTags("PII");
        group.MapPost("/scan", Scan)
            .WithName("ScanPii")
            .WithSummary("Finds personal data in a text: national and enterprise numbers, IBANs, cards, e-mail, phone, plates, IP addresses, birth dates.")
            .RequireScope(Scopes.Pii)
            .WithAuditOperation("pii.scan")
            .WithRequestBodyLimit(MaxScanBodyBytes);
        return group;
    }

    /// <summary>A text to scan.</summary>
    /// <param name="Text">The text.</param>
    internal sealed record ScanRequest(string? Text);

    /// <summary>One entity found.</summary>
    /// <param name="Start">UTF-16 offset of the first character.</param>
    /// <param name="End">UTF-16 offset after the last character (exclusive).</param>
    /// <param name="Type">The entity type (NATIONAL_NUMBER, IBAN, …).</param>
    /// <param name="Score">Confidence in [0, 1].</param>
    internal sealed record ScanEntity(int Start, int End, string Type, double Score);

    /// <summary>The entities of the text, ordered by start offset, never overlapping.</summary>
    /// <param name="Entities">The entities.</param>
    internal sealed record ScanResponse(IReadOnlyList<ScanEntity> Entities);

    private static async Task<Results<Ok<ScanResponse>, ValidationProblem>> Scan(ScanRequest request, PiiDetector detector, HttpContext context)
    {
        if (request.Text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["is required"] });
        }

        var entities = detector.Detect(request.Text);
        var summary = entities.Count == 0
            ? "0 entities"
            : string.Join(", ", entities.GroupBy(e => e.Type.ToName()).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} x{g.Count()}")));
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: summary).ConfigureAwait(false);
        return TypedResults.Ok(new ScanResponse(entities.Select(e => new ScanEntity(e.Start, e.End, e.Type.ToName(), e.Score)).ToList()));
    }
}
