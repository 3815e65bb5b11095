using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests.Security;

/// <summary>Bearer tokens and API keys through the real pipeline, on an endpoint that needs the <c>audit</c> scope.</summary>
public sealed class AuthenticationTests : IClassFixture<ApiFactory>
{
    private static readonly Uri Protected = new("/audit/head", UriKind.Relative);
    private readonly ApiFactory factory;

    public AuthenticationTests(ApiFactory factory) => this.factory = factory;

    private TestCredentials Credentials => factory.Credentials;

    [Fact]
    public async Task A_call_without_credentials_is_refused_with_401_and_a_bearer_challenge()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_with_the_scope_is_accepted()
    {
        using var client = factory.ClientWithToken(Credentials.Token("audit"));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_with_the_scope_among_others_is_accepted()
    {
        using var client = factory.ClientWithToken(Credentials.Token("pii sign audit"));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_without_the_scope_is_refused_with_403()
    {
        using var client = factory.ClientWithToken(Credentials.Token("pseudonymize pii"));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_scope_that_only_starts_like_the_needed_one_is_not_enough()
    {
        using var client = factory.ClientWithToken(Credentials.Token("audit:read auditor"));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        using var client = factory.ClientWithToken(Credentials.Token("audit", expires: DateTime.UtcNow.AddMinutes(-5)));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_with_401()
    {
        using var client = factory.ClientWithToken(Credentials.Token("audit", audience: "another-api"));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused_with_401()
    {
        using var client = factory.ClientWithToken(Credentials.Token("audit", issuer: "https://evil.example"));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_is_refused_with_401()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var credentials = new SigningCredentials(new ECDsaSecurityKey(other), SecurityAlgorithms.EcdsaSha256);
        using var client = factory.ClientWithToken(Credentials.Token("audit", signingCredentials: credentials));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_a_shared_HMAC_secret_is_refused_with_401()
    {
        // Algorithm confusion: an attacker signs with HS256 using the issuer's *public* key bytes as the secret.
        var secret = Credentials.IssuerKey.ExportSubjectPublicKeyInfo();
        var credentials = new SigningCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256);
        using var client = factory.ClientWithToken(Credentials.Token("audit", signingCredentials: credentials));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused_with_401()
    {
        var signed = Credentials.Token("audit");
        var parts = signed.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        using var client = factory.ClientWithToken($"{header}.{parts[1]}.");

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_whose_payload_was_changed_is_refused_with_401()
    {
        var parts = Credentials.Token("pii").Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"pii\"", "\"audit\"", StringComparison.Ordinal);
        using var client = factory.ClientWithToken($"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}");

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_API_key_with_the_scope_is_accepted()
    {
        using var client = factory.ClientWithApiKey(Credentials.AuditOnlyKey);

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_API_key_in_the_Authorization_header_is_accepted()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", Credentials.AuditOnlyKey);

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_API_key_with_a_wrong_secret_is_refused_with_401()
    {
        var key = Credentials.AuditOnlyKey;
        var tampered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        using var client = factory.ClientWithApiKey(tampered);

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_API_key_with_an_unknown_id_is_refused_with_401()
    {
        using var client = factory.ClientWithApiKey(SecurityKit.ReferenceApi.Security.ApiKey.Create("stranger"));

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_API_key_without_the_scope_is_refused_with_403()
    {
        using var client = factory.ClientWithApiKey(Credentials.NoScopeKey);

        using var response = await client.GetAsync(Protected);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_401_answer_never_echoes_the_presented_key()
    {
        var key = SecurityKit.ReferenceApi.Security.ApiKey.Create("stranger");
        using var client = factory.ClientWithApiKey(key);

        using var response = await client.GetAsync(Protected);

        var secret = key[(key.LastIndexOf('_') + 1)..];
        Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, response.Headers.ToString(), StringComparison.Ordinal);
    }
}
