using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SecurityKit.Audit;
using SecurityKit.Detection.Pii;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.Vault;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// PII detection over HTTP (scope <c>pii</c>): the entities of a text, with UTF-16 offsets and types named as in
/// CONTRACTS.md; replacement by placeholders kept in the encrypted vault under a conversation id; and restoration
/// (scope <c>pii:restore</c> and a recorded purpose). The audit log records how many entities of which types were
/// found or restored — never the text.
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
        group.MapPost("/replace", Replace)
            .WithName("ReplacePii")
            .WithSummary("Replaces personal data by placeholders (<PERSON_1>); the originals stay in the encrypted vault under the returned conversation id.")
            .RequireScope(Scopes.Pii)
            .WithAuditOperation("pii.replace")
            .WithRequestBodyLimit(MaxScanBodyBytes);
        group.MapPost("/restore", Restore)
            .WithName("RestorePii")
            .WithSummary("Puts the originals back into a text holding a conversation's placeholders; needs pii:restore and a purpose, both recorded.")
            .RequireScope(Scopes.PiiRestore)
            .WithAuditOperation("pii.restore")
            .WithRequestBodyLimit(MaxScanBodyBytes);
        return group;
    }

    /// <summary>A text to make safe.</summary>
    /// <param name="Text">The text.</param>
    /// <param name="ConversationId">An earlier conversation to continue (the same person gets the same placeholder), or null for a new one.</param>
    internal sealed record ReplaceRequest(string? Text, string? ConversationId);

    /// <summary>The safe text.</summary>
    /// <param name="Text">The text with every entity replaced by a placeholder.</param>
    /// <param name="ConversationId">Where the originals are kept; pass it to restore.</param>
    /// <param name="Replaced">Entities replaced, per type.</param>
    internal sealed record ReplaceResponse(string Text, string ConversationId, IReadOnlyDictionary<string, int> Replaced);

    /// <summary>A text holding placeholders of one conversation.</summary>
    /// <param name="Text">The text (a model's answer, a summary).</param>
    /// <param name="ConversationId">The conversation the placeholders belong to.</param>
    /// <param name="Purpose">Why the caller re-identifies (a case or file number), recorded in the audit log.</param>
    internal sealed record RestoreRequest(string? Text, string? ConversationId, string? Purpose);

    /// <summary>The restored text.</summary>
    /// <param name="Text">The text with the originals back.</param>
    internal sealed record RestoreResponse(string Text);

    private static async Task<Results<Ok<ReplaceResponse>, ValidationProblem>> Replace(
        ReplaceRequest request, PiiAnonymizer anonymizer, IPlaceholderVault vault, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Text is null)
        {
            errors["text"] = ["is required"];
        }

        if (request.ConversationId is not null && !Conversations.IsValidId(request.ConversationId))
        {
            errors["conversationId"] = [Conversations.IdRule];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var conversationId = request.ConversationId ?? Conversations.NewId();
        var key = Conversations.VaultKey(context.User, conversationId);
        var map = await vault.GetAsync(key, cancellationToken).ConfigureAwait(false) ?? new PlaceholderMap();
        var result = anonymizer.Anonymize(request.Text!, PiiPolicy.Default, map);
        await vault.SetAsync(key, map, cancellationToken).ConfigureAwait(false);
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"conversation {Conversations.Fingerprint(conversationId)}: {Summary(result.Counts)}").ConfigureAwait(false);
        return TypedResults.Ok(new ReplaceResponse(
            result.Text, conversationId, result.Counts.ToDictionary(c => c.Key.ToName(), c => c.Value, StringComparer.Ordinal)));
    }

    private static async Task<Results<Ok<RestoreResponse>, ValidationProblem, ProblemHttpResult>> Restore(
        RestoreRequest request, IPlaceholderVault vault, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Text is null)
        {
            errors["text"] = ["is required"];
        }

        if (request.ConversationId is null || !Conversations.IsValidId(request.ConversationId))
        {
            errors["conversationId"] = [Conversations.IdRule];
        }

        if (errors.Count == 0 && Purposes.Validate(request.Purpose) is { } purposeError)
        {
            // An attempt to re-identify without saying why is itself worth recording.
            await context.RecordAuditAsync(AuditOutcome.Denied, resource: $"conversation {Conversations.Fingerprint(request.ConversationId!)}", detail: "no purpose stated").ConfigureAwait(false);
            errors["purpose"] = [purposeError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var resource = $"conversation {Conversations.Fingerprint(request.ConversationId!)}";
        var map = await vault.GetAsync(Conversations.VaultKey(context.User, request.ConversationId!), cancellationToken).ConfigureAwait(false);
        if (map is null)
        {
            await context.RecordAuditAsync(AuditOutcome.Failed, resource: resource, purpose: request.Purpose, detail: "unknown or expired conversation").ConfigureAwait(false);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                detail: "No such conversation for this caller, or its placeholders have expired.");
        }

        var restored = PlaceholderRestorer.Restore(request.Text!, map);
        // Recorded before anything is returned: if the record cannot be written, nobody is re-identified.
        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"{resource}: {map.Count} placeholders known", purpose: request.Purpose).ConfigureAwait(false);
        return TypedResults.Ok(new RestoreResponse(restored));
    }

    /// <summary>"EMAIL x1, PERSON x2": counts per type for the audit log, never values.</summary>
    internal static string Summary(IReadOnlyDictionary<PiiEntityType, int> counts) =>
        counts.Count == 0
            ? "0 entities"
            : string.Join(", ", counts.OrderBy(c => c.Key.ToName(), StringComparer.Ordinal)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key.ToName()} x{c.Value}")));

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
