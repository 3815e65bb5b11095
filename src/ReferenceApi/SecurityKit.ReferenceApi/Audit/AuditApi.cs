using Microsoft.AspNetCore.Http.HttpResults;
using SecurityKit.Audit;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Audit;

/// <summary>
/// Read access to the audit log for DPOs and auditors (scope <c>audit</c>): the head to anchor elsewhere, a chain
/// verification, and the entries page by page. Reading the log is itself recorded.
/// </summary>
internal static class AuditApi
{
    public const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/audit").WithTags("Audit").RequireScope(Scopes.Audit);
        group.MapGet("/head", GetHead).WithName("GetAuditHead").WithAuditOperation("audit.head")
            .WithSummary("The last entry's sequence number and hash: keep it outside the service to detect a truncated log later.");
        group.MapGet("/verification", Verify).WithName("VerifyAuditLog").WithAuditOperation("audit.verify")
            .WithSummary("Checks the whole hash chain and names the first altered or missing entry.");
        group.MapGet("/entries", GetEntries).WithName("GetAuditEntries").WithAuditOperation("audit.read")
            .WithSummary("Entries after a sequence number, in order.");
        return group;
    }

    /// <summary>The head of the log.</summary>
    /// <param name="Sequence">The last entry's sequence number, 0 for an empty log.</param>
    /// <param name="Hash">The last entry's hash (the genesis hash for an empty log).</param>
    internal sealed record AuditHead(long Sequence, string Hash);

    /// <summary>One page of entries.</summary>
    /// <param name="Entries">The entries, in sequence order.</param>
    /// <param name="Next">The <c>after</c> value for the next page, or null at the end.</param>
    internal sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Next);

    private static async Task<Ok<AuditHead>> GetHead(HttpContext context, IAuditLog log, CancellationToken cancellationToken)
    {
        await context.RecordAuditAsync(AuditOutcome.Succeeded).ConfigureAwait(false);
        var head = await log.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AuditHead(head?.Sequence ?? 0, head?.Hash ?? AuditChain.GenesisHash));
    }

    private static async Task<Results<Ok<AuditChainReport>, ValidationProblem>> Verify(
        HttpContext context, IAuditLog log, string? expectedHead, CancellationToken cancellationToken)
    {
        AuditChainVerifier verifier;
        try
        {
            verifier = new AuditChainVerifier(expectedHead);
        }
        catch (ArgumentException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["expectedHead"] = ["must be 64 lower-case hexadecimal digits"],
            });
        }

        await context.RecordAuditAsync(AuditOutcome.Succeeded).ConfigureAwait(false);
        await foreach (var entry in log.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return TypedResults.Ok(verifier.Complete());
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> GetEntries(
        HttpContext context, IAuditLog log, long? after, int? limit, CancellationToken cancellationToken)
    {
        var from = after ?? 0;
        var size = limit ?? 100;
        if (from < 0 || size is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [from < 0 ? "after" : "limit"] = [from < 0 ? "must not be negative" : $"must be between 1 and {MaxPageSize}"],
            });
        }

        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: $"entries after {from}").ConfigureAwait(false);
        var entries = new List<AuditEntry>(size);
        var more = false;
        await foreach (var entry in log.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Sequence <= from)
            {
                continue;
            }

            if (entries.Count == size)
            {
                more = true;
                break;
            }

            entries.Add(entry);
        }

        return TypedResults.Ok(new AuditPage(entries, more ? entries[^1].Sequence : null));
    }
}
