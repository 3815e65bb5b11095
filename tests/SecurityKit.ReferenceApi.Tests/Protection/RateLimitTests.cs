using System.Net;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests.Protection;

/// <summary>Per-client rate limits: one client's burst does not consume another client's allowance.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly ApiFactory factory = new(new Dictionary<string, string?>
    {
        ["Api:Protection:PermitsPerWindow"] = "3",
        ["Api:Protection:Window"] = "01:00:00",
    });

    [Fact]
    public async Task A_client_over_its_limit_gets_429_problem_json_with_Retry_After()
    {
        using var client = factory.ClientWithApiKey(factory.Credentials.AuditOnlyKey);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync(new Uri("/audit/head", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync(new Uri("/audit/head", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task Another_client_keeps_its_own_allowance()
    {
        using var busy = factory.ClientWithApiKey(factory.Credentials.NoScopeKey);
        for (var i = 0; i < 4; i++)
        {
            using var _ = await busy.GetAsync(new Uri("/audit/head", UriKind.Relative));
        }

        using var other = factory.ClientWithToken(factory.Credentials.Token("audit", subject: "quiet-client"));
        using var response = await other.GetAsync(new Uri("/audit/head", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => factory.Dispose();
}
