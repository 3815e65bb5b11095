using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Tests.Infrastructure;

/// <summary>A test token issuer (ECDSA P-256) and API keys, configured into the API under test.</summary>
internal sealed class TestCredentials : IDisposable
{
    public const string Issuer = "https://idp.test.example";
    public const string Audience = "securitykit-api-test";

    public TestCredentials()
    {
        IssuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AllScopesKey = ApiKey.Create("all-scopes");
        AuditOnlyKey = ApiKey.Create("audit-only");
        NoScopeKey = ApiKey.Create("no-scope");
    }

    public ECDsa IssuerKey { get; }

    public string AllScopesKey { get; }

    public string AuditOnlyKey { get; }

    public string NoScopeKey { get; }

    /// <summary>Settings that make the API trust this issuer and these keys.</summary>
    public Dictionary<string, string?> Configuration()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Api:Authentication:Jwt:Issuer"] = Issuer,
            ["Api:Authentication:Jwt:Audience"] = Audience,
            ["Api:Authentication:Jwt:SigningKeys:0"] = IssuerKey.ExportSubjectPublicKeyInfoPem(),
        };
        AddKey(settings, 0, "all-scopes", AllScopesKey, Scopes.All);
        AddKey(settings, 1, "audit-only", AuditOnlyKey, [Scopes.Audit]);
        AddKey(settings, 2, "no-scope", NoScopeKey, []);
        return settings;
    }

    /// <summary>A token signed by the trusted issuer key unless another key is given.</summary>
    public string Token(
        string scopes,
        string issuer = Issuer,
        string audience = Audience,
        DateTime? expires = null,
        SigningCredentials? signingCredentials = null,
        string subject = "analyst-7")
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddMinutes(10);
        var notBefore = exp < now ? exp.AddMinutes(-10) : now.AddMinutes(-1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("scope", scopes)]),
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = exp,
            SigningCredentials = signingCredentials ?? new SigningCredentials(new ECDsaSecurityKey(IssuerKey), SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose() => IssuerKey.Dispose();

    private static void AddKey(Dictionary<string, string?> settings, int index, string id, string key, IEnumerable<string> scopes)
    {
        settings[$"Api:Authentication:ApiKeys:{index}:Id"] = id;
        settings[$"Api:Authentication:ApiKeys:{index}:Sha256"] = ApiKey.Hash(key);
        var i = 0;
        foreach (var scope in scopes)
        {
            settings[$"Api:Authentication:ApiKeys:{index}:Scopes:{i++}"] = scope;
        }
    }
}
