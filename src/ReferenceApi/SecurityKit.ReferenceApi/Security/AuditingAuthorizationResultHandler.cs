using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using SecurityKit.Audit;
using SecurityKit.ReferenceApi.Audit;

namespace SecurityKit.ReferenceApi.Security;

/// <summary>
/// Records in the audit log every request an authenticated caller was refused for lack of a scope (for example an
/// attempt to reverse pseudonyms without <c>pseudonymize:reverse</c>), then answers as the default handler does.
/// Anonymous refusals are not recorded: anyone can produce them in bulk, and they name nobody.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            await context.RecordAuditAsync(AuditOutcome.Denied, detail: "missing scope").ConfigureAwait(false);
        }

        await inner.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
