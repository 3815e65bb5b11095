using System.Security.Claims;

namespace SecurityKit.ReferenceApi.Security;

/// <summary>What the API knows about the authenticated caller: a stable name for audit and rate limits, and scopes.</summary>
internal static class Caller
{
    /// <summary>The claim naming the authentication method on every principal this API builds.</summary>
    public const string MethodClaim = "sk_auth";

    /// <summary>
    /// The caller as the audit log and the rate limiter name it: <c>jwt:&lt;sub&gt;</c> (or the token's
    /// <c>client_id</c> / <c>azp</c> when it has no subject) or <c>apikey:&lt;id&gt;</c>; <c>anonymous</c> otherwise.
    /// </summary>
    public static string Actor(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return "anonymous";
        }

        var method = user.FindFirst(MethodClaim)?.Value ?? "jwt";
        var name = user.FindFirst("sub")?.Value ?? user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value ?? "unknown";
        return $"{method}:{Sanitize(name)}";
    }

    /// <summary>True when the caller holds <paramref name="scope"/> in a <c>scope</c> (space-separated) or <c>scp</c> claim.</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope)
    {
        foreach (var claim in user.Claims)
        {
            if (claim.Type is "scope" or "scp")
            {
                foreach (var granted in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (string.Equals(granted, scope, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // A subject is chosen by the token issuer; keep the audit line printable and bounded whatever it holds.
    private static string Sanitize(string value)
    {
        var clean = new string(value.Where(c => !char.IsControl(c)).Take(200).ToArray());
        return clean.Length == 0 ? "unknown" : clean;
    }
}
