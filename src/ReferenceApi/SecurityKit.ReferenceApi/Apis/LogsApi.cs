using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SecurityKit.Audit;
using SecurityKit.Detection.Anomaly.Logs.Parsing;
using SecurityKit.Detection.Anomaly.Logs.Scoring;
using SecurityKit.Detection.Anomaly.Logs.Templates;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// Log template mining over HTTP (scope <c>anomaly</c>): raw log lines in, the CSV of CONTRACTS.md
/// (<c>LineId,EventId,EventTemplate</c>) out. Mining learns over the whole input, so the body is read completely
/// (bounded by <see cref="MaxLogBodyBytes"/>) before the answer starts. Anomaly scoring: log lines in, one NDJSON
/// line per window out (entity, time span, score in [0, 1], reasons), with the model trained by
/// <c>securitykit logs train</c> and configured as <c>Api:Logs:ModelFile</c>.
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
        group.MapPost("/scores", Score)
            .WithName("ScoreLogs")
            .WithSummary("Scores log lines (text/plain) for anomalies with the configured model: NDJSON out, one window per line with score and reasons. alertsOnly=true keeps windows at or above the model's alert threshold.")
            .Accepts<string>("text/plain")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
            .RequireScope(Scopes.Anomaly)
            .WithAuditOperation("logs.score")
            .WithRequestBodyLimit(MaxLogBodyBytes)
            .WithRequestTimeout(TimeSpan.FromMinutes(5));
        return group;
    }

    public static void AddLogServices(this IHostApplicationBuilder builder)
    {
        var file = builder.Configuration["Api:Logs:ModelFile"];
        var path = file is null ? null : Path.IsPathRooted(file) ? file : Path.Combine(builder.Environment.ContentRootPath, file);
        // Loaded once, at the first request that needs it (a model of a few MB; a bad file fails that request, typed).
        builder.Services.AddSingleton(new LogModel(path is null ? null : new Lazy<LogAnomalyModel>(() => LogAnomalyModel.Load(path))));
    }

    /// <summary>The configured anomaly model, or none.</summary>
    internal sealed record LogModel(Lazy<LogAnomalyModel>? Model);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Score(
        HttpContext context, LogModel logModel, bool? alertsOnly, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "This endpoint expects log lines as text/plain.");
        }

        if (logModel.Model is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "No log anomaly model is configured on this node (Api:Logs:ModelFile).");
        }

        var model = logModel.Model.Value;
        var options = model.Options;
        var reader = new LogEventReader(options, new TemplateCatalog(model.Features.Templates));
        var aggregator = new WindowAggregator(options);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        body.Position = 0;
        long windows = 0, alerts = 0;
        using var ndjson = new MemoryStream();
        void Emit(IEnumerable<EventWindow> closed)
        {
            foreach (var window in closed)
            {
                var score = model.Score(window);
                windows++;
                var alert = score.Score >= options.AlertThreshold;
                alerts += alert ? 1 : 0;
                if (alertsOnly != true || alert)
                {
                    WriteWindow(ndjson, score, alert);
                }
            }
        }

        using (var text = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: false)))
        {
            foreach (var e in reader.Read(text))
            {
                Emit(aggregator.Add(e));
            }
        }

        Emit(aggregator.Flush());
        await context.RecordAuditAsync(
            AuditOutcome.Succeeded,
            resource: FormattableString.Invariant($"{reader.Lines} lines, {windows} windows, {alerts} alerts")).ConfigureAwait(false);
        return TypedResults.File(ndjson.ToArray(), "application/x-ndjson");
    }

    private static void WriteWindow(Stream output, WindowScore s, bool alert)
    {
        using (var json = new System.Text.Json.Utf8JsonWriter(output))
        {
            s.WriteTo(json, alert);
        }

        output.WriteByte((byte)'\n');
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
