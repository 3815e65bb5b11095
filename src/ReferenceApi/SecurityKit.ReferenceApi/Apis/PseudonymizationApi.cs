using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SecurityKit.Audit;
using SecurityKit.Pseudonymization.Bulk;
using SecurityKit.Pseudonymization.Pseudonymizers;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// Format-preserving pseudonymisation of Belgian identifiers over HTTP. Forward operations need the scope
/// <c>pseudonymize</c>; turning pseudonyms back needs <c>pseudonymize:reverse</c> and a stated purpose, and each
/// reversal is recorded in the audit log with its purpose and the pseudonyms (never the identifiers). Bulk endpoints
/// stream text/plain lines in and out without holding the whole body.
/// </summary>
internal static class PseudonymizationApi
{
    public const int MaxValuesPerRequest = 1000;
    public const long MaxJsonBodyBytes = 256 * 1024;
    private const int MaxPseudonymsInAudit = 20;

    /// <summary>Streams of millions of lines outlast the default request timeout.</summary>
    private static readonly TimeSpan BulkTimeout = TimeSpan.FromMinutes(30);

    public static void AddPseudonymizationServices(this IHostApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.AddSingleton(services => PseudonymizationKeys.Load(
            builder.Configuration, services.GetRequiredService<IHostEnvironment>(), dataDirectory));
    }

    public static RouteGroupBuilder MapPseudonymizationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/pseudonymization").WithTags("Pseudonymization");
        group.MapPost("/pseudonymize", Pseudonymize)
            .WithName("Pseudonymize")
            .WithSummary("Pseudonymises up to 1000 identifiers of one type for one domain (format-preserving, checksum-valid).")
            .RequireScope(Scopes.Pseudonymize).WithAuditOperation("pseudonymize").WithRequestBodyLimit(MaxJsonBodyBytes);
        group.MapPost("/reverse", Reverse)
            .WithName("ReversePseudonyms")
            .WithSummary("Turns pseudonyms back into identifiers; needs the pseudonymize:reverse scope and a purpose, both recorded.")
            .RequireScope(Scopes.PseudonymizeReverse).WithAuditOperation("pseudonymize.reverse").WithRequestBodyLimit(MaxJsonBodyBytes);
        group.MapPost("/bulk", (HttpContext context, string type, string domain, string? onInvalid, CancellationToken ct) =>
                Bulk(context, type, domain, onInvalid, reverse: false, purpose: null, ct))
            .WithName("PseudonymizeBulk")
            .WithSummary("Streams text/plain, one identifier per line, into one pseudonym per line. onInvalid: fail (default), skip or mark.")
            .Accepts<string>("text/plain").Produces<string>(StatusCodes.Status200OK, "text/plain")
            .RequireScope(Scopes.Pseudonymize).WithAuditOperation("pseudonymize.bulk").WithRequestBodyLimit(null)
            .WithRequestTimeout(BulkTimeout);
        group.MapPost("/bulk/reverse", (HttpContext context, string type, string domain, string? onInvalid, string? purpose, CancellationToken ct) =>
                Bulk(context, type, domain, onInvalid, reverse: true, purpose, ct))
            .WithName("ReversePseudonymsBulk")
            .WithSummary("Streams pseudonyms back into identifiers, one per line; needs pseudonymize:reverse and a purpose.")
            .Accepts<string>("text/plain").Produces<string>(StatusCodes.Status200OK, "text/plain")
            .RequireScope(Scopes.PseudonymizeReverse).WithAuditOperation("pseudonymize.bulk.reverse").WithRequestBodyLimit(null)
            .WithRequestTimeout(BulkTimeout);
        return group;
    }

    /// <summary>Identifiers to pseudonymise.</summary>
    /// <param name="Type"><c>national-number</c>, <c>enterprise-number</c> or <c>iban</c>.</param>
    /// <param name="Domain">The domain (project, recipient): different domains give unlinkable pseudonyms.</param>
    /// <param name="Values">The identifiers, in any usual written form.</param>
    internal sealed record PseudonymizeRequest(string? Type, string? Domain, IReadOnlyList<string>? Values);

    /// <summary>Pseudonyms to turn back.</summary>
    /// <param name="Type"><c>national-number</c>, <c>enterprise-number</c> or <c>iban</c>.</param>
    /// <param name="Domain">The domain the pseudonyms were made for.</param>
    /// <param name="Values">The pseudonyms.</param>
    /// <param name="Purpose">Why the caller re-identifies (a case or file number), recorded in the audit log.</param>
    internal sealed record ReverseRequest(string? Type, string? Domain, IReadOnlyList<string>? Values, string? Purpose);

    /// <summary>The results, in request order.</summary>
    /// <param name="Values">Pseudonyms (or identifiers, when reversing) in canonical form.</param>
    internal sealed record ValuesResponse(IReadOnlyList<string> Values);

    private static async Task<Results<Ok<ValuesResponse>, ValidationProblem, ProblemHttpResult>> Pseudonymize(
        PseudonymizeRequest request, PseudonymizationKeys keys, HttpContext context)
    {
        var errors = Validate(request.Type, request.Domain, request.Values, out var type);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (keys.Ring is null)
        {
            return NotConfigured();
        }

        using var pseudonymizer = keys.Create(type, request.Domain!);
        var results = Transform(request.Values!, v => pseudonymizer.Pseudonymize(v), out var failure);
        if (failure is not null)
        {
            await context.RecordAuditAsync(AuditOutcome.Failed, resource: $"{request.Type} x{request.Values!.Count}", detail: "invalid identifier").ConfigureAwait(false);
            return failure;
        }

        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"{request.Type} x{results.Count} domain {request.Domain}").ConfigureAwait(false);
        return TypedResults.Ok(new ValuesResponse(results));
    }

    private static async Task<Results<Ok<ValuesResponse>, ValidationProblem, ProblemHttpResult>> Reverse(
        ReverseRequest request, PseudonymizationKeys keys, HttpContext context)
    {
        var errors = Validate(request.Type, request.Domain, request.Values, out var type);
        if (errors is null && ValidatePurpose(request.Purpose) is { } purposeErrors)
        {
            // An attempt to re-identify without saying why is itself worth recording.
            await context.RecordAuditAsync(AuditOutcome.Denied, resource: $"{request.Type} x{request.Values!.Count} domain {request.Domain}", detail: "no purpose stated").ConfigureAwait(false);
            errors = purposeErrors;
        }

        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (keys.Ring is null)
        {
            return NotConfigured();
        }

        using var pseudonymizer = keys.Create(type, request.Domain!);
        var results = Transform(request.Values!, v => pseudonymizer.Reverse(v), out var failure);
        // Recorded before anything is returned: if the record cannot be written, nobody is re-identified.
        var pseudonyms = string.Join(' ', request.Values!.Take(MaxPseudonymsInAudit).Select(v => v.Length > 40 ? v[..40] : v));
        var resource = $"{request.Type} x{request.Values!.Count} domain {request.Domain}: {pseudonyms}{(request.Values!.Count > MaxPseudonymsInAudit ? " …" : string.Empty)}";
        await context.RecordAuditAsync(failure is null ? AuditOutcome.Succeeded : AuditOutcome.Failed, resource: Bounded(resource), purpose: request.Purpose).ConfigureAwait(false);
        return failure is null ? TypedResults.Ok(new ValuesResponse(results)) : failure;
    }

    private static async Task Bulk(HttpContext context, string type, string domain, string? onInvalid, bool reverse, string? purpose, CancellationToken cancellationToken)
    {
        var errors = Validate(type, domain, [], out var identifierType) ?? (reverse ? ValidatePurpose(purpose) : null);
        var policy = onInvalid switch
        {
            null or "fail" => InvalidIdentifierPolicy.Fail,
            "skip" => InvalidIdentifierPolicy.Skip,
            "mark" => InvalidIdentifierPolicy.Mark,
            _ => (InvalidIdentifierPolicy?)null,
        };
        if (policy is null)
        {
            errors ??= new Dictionary<string, string[]>();
            errors["onInvalid"] = ["must be fail, skip or mark"];
        }

        if (errors is not null)
        {
            await TypedResults.ValidationProblem(errors).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "This endpoint expects one identifier per line as text/plain.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var keys = context.RequestServices.GetRequiredService<PseudonymizationKeys>();
        if (keys.Ring is null)
        {
            await NotConfigured().ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // A reversal is recorded before any identifier leaves; its outcome follows in a second entry.
        if (reverse)
        {
            await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"{type} stream domain {domain} started", purpose: purpose).ConfigureAwait(false);
        }

        using var pseudonymizer = keys.Create(identifierType, domain);
        context.Response.ContentType = "text/plain; charset=utf-8";
        try
        {
            var result = await LinePseudonymization.RunAsync(
                new IdentifierTransform(pseudonymizer, reverse), context.Request.Body, context.Response.Body, policy!.Value, null, cancellationToken).ConfigureAwait(false);
            await context.RecordAuditAsync(
                AuditOutcome.Succeeded,
                resource: string.Create(CultureInfo.InvariantCulture, $"{type} x{result.Processed} ({result.Invalid} invalid) domain {domain}"),
                purpose: purpose).ConfigureAwait(false);
        }
        catch (SecurityKitException exception)
        {
            await context.RecordAuditAsync(AuditOutcome.Failed, resource: $"{type} stream domain {domain}", purpose: purpose, detail: Bounded(exception.Location ?? "input")).ConfigureAwait(false);
            if (context.Response.HasStarted)
            {
                // Part of the answer is out: break the chunked stream so that the client sees a failed transfer,
                // never a complete-looking but truncated file.
                context.Abort();
                return;
            }

            throw;
        }
    }

    private static List<string> Transform(IReadOnlyList<string> values, Func<string, string> transform, out ProblemHttpResult? failure)
    {
        failure = null;
        var results = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            try
            {
                results.Add(transform(values[i]));
            }
            catch (SecurityKitException exception)
            {
                // The library's message names the rule that failed, never the value.
                failure = TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Invalid identifier",
                    detail: exception.Message,
                    extensions: new Dictionary<string, object?> { ["location"] = $"values[{i}]" });
                return results;
            }
        }

        return results;
    }

    private static Dictionary<string, string[]>? Validate(string? typeName, string? domain, IReadOnlyList<string>? values, out IdentifierType type)
    {
        var errors = new Dictionary<string, string[]>();
        type = default;
        switch (typeName)
        {
            case "national-number": type = IdentifierType.NationalNumber; break;
            case "enterprise-number": type = IdentifierType.EnterpriseNumber; break;
            case "iban": type = IdentifierType.Iban; break;
            default: errors["type"] = ["must be national-number, enterprise-number or iban"]; break;
        }

        if (string.IsNullOrWhiteSpace(domain) || domain.Length > 200 || domain.Any(char.IsControl))
        {
            errors["domain"] = ["is required: 1 to 200 printable characters"];
        }

        if (values is null || values.Count > MaxValuesPerRequest || values.Any(v => v is null))
        {
            errors["values"] = [$"must be a list of at most {MaxValuesPerRequest} strings"];
        }

        return errors.Count == 0 ? null : errors;
    }

    private static Dictionary<string, string[]>? ValidatePurpose(string? purpose) =>
        string.IsNullOrWhiteSpace(purpose) || purpose.Length > 500 || purpose.Any(char.IsControl)
            ? new Dictionary<string, string[]> { ["purpose"] = ["is required to re-identify: 1 to 500 printable characters (a case or file reference)"] }
            : null;

    private static ProblemHttpResult NotConfigured() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        detail: "No pseudonymisation key ring is configured on this node (Api:Pseudonymization:KeyRingFile).");

    private static string Bounded(string text) => text.Length <= AuditEvent.MaxFieldLength ? text : text[..AuditEvent.MaxFieldLength];
}
