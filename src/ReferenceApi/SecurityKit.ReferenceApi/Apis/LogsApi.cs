using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SecurityKit.Audit;
using SecurityKit.Detection.Anomaly.Logs.Parsing;
using SecurityKit.Detection.Anomaly.Logs.Templates;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// Log template mining over HTTP (scope <c>anomaly</c>): raw log lines in, the CSV of CONTRACTS.md
/// (<c>LineId,EventId,EventTemplate</c>) out. Mining learns over the whole input, so the body is read completely
/// (bounded by <see cref="MaxLogBodyBytes"/>) before the answer starts.
/// </summary>
internal static class LogsApi
{
    public const long MaxLogBodyBytes = 32L * 1024 * 1024;
    private const int MaxLineLength = 65536;

    public static RouteGroupBuilder MapLogsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/logs").WithTags("Logs");
        group.MapPost("/templates", MineTemplates)
            .WithName("MineLogTemplates")
            .WithSummary("Mines log templates: text/plain log lines in, CSV LineId,EventId,EventTemplate out (variables as <*>).")
            .Accepts<string>("text/plain")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .RequireScope(Scopes.Anomaly)
            .WithAuditOperation("logs.templates")
            .WithRequestBodyLimit(MaxLogBodyBytes);
        return group;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> MineTemplates(
        HttpContext context, string? logFormat, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "This endpoint expects log lines as text/plain.");
        }

        LogFormat? format = null;
        if (logFormat is not null)
        {
            try
            {
                format = LogFormat.Parse(logFormat);
            }
            catch (SecurityKitException exception)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["logFormat"] = [exception.Message] });
            }
        }

        // The miner reads synchronously; Kestrel forbids synchronous body reads, so read (bounded) first.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        body.Position = 0;
        using var reader = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: false));
        var extraction = TemplateExtraction.Run(reader, format, new TemplateMinerOptions(), MaxLineLength);

        using var csv = new MemoryStream();
        await using (var writer = new StreamWriter(csv, new UTF8Encoding(false), leaveOpen: true))
        {
            extraction.WriteCsv(writer);
        }

        await context.RecordAuditAsync(
            AuditOutcome.Succeeded,
            resource: FormattableString.Invariant($"{extraction.LineEvents.Count} lines, {extraction.Templates.Count} templates")).ConfigureAwait(false);
        return TypedResults.File(csv.ToArray(), "text/csv; charset=utf-8");
    }
}
