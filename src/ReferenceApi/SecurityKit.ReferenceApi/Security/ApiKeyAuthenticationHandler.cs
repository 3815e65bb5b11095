using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SecurityKit.ReferenceApi.Security;

/// <summary>
/// Authenticates service-to-service calls by API key, sent as <c>X-Api-Key: skk_…</c> or
/// <c>Authorization: ApiKey skk_…</c>. The key is looked up by its public id and checked against the stored SHA-256
/// in constant time; the principal carries the key's scopes as <c>scope</c> claims.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiSecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The presented key, or null when the request carries none.</summary>
    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.Count == 1)
        {
            return header[0];
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return value[(SchemeName.Length + 1)..].Trim();
        }

        return null;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Never log or echo the key: only whether it had a known id.
        if (!ApiKey.TryGetId(key, out var id))
        {
            return Task.FromResult(AuthenticateResult.Fail("malformed API key"));
        }

        var configured = security.CurrentValue.ApiKeys.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.Ordinal));
        if (configured is null || !ApiKey.Matches(key, configured.Sha256))
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        List<Claim> claims = [new("sub", id), new(Caller.MethodClaim, "apikey")];
        claims.AddRange(configured.Scopes.Select(scope => new Claim("scope", scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "sub", null));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }
}
