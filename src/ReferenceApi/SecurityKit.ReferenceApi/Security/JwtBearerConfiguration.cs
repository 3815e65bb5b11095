using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SecurityKit.ReferenceApi.Security;

/// <summary>
/// Configures bearer-token validation from <see cref="ApiSecurityOptions"/>: issuer, audience, lifetime and signature
/// are all required (RFC 9068 §4); keys come from PEM public keys, a JWKS file or an OpenID Connect authority.
/// Without any of those, every token is refused.
/// </summary>
internal sealed class JwtBearerConfiguration(IOptions<ApiSecurityOptions> security, IHostEnvironment environment)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    // Asymmetric algorithms only: a shared HMAC secret would let every verifier mint tokens.
    private static readonly string[] AcceptedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var jwt = security.Value.Jwt;
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = true;
        if (jwt.Authority is not null)
        {
            options.Authority = jwt.Authority;
            options.RequireHttpsMetadata = true;
        }

        var keys = new List<SecurityKey>();
        keys.AddRange(jwt.SigningKeys.Select(ReadPublicKey));
        if (jwt.JwksFile is not null)
        {
            var path = Path.IsPathRooted(jwt.JwksFile) ? jwt.JwksFile : Path.Combine(environment.ContentRootPath, jwt.JwksFile);
            keys.AddRange(new JsonWebKeySet(File.ReadAllText(path)).GetSigningKeys());
        }

        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = keys,
            ValidAlgorithms = AcceptedAlgorithms,
            ClockSkew = jwt.ClockSkew,
            NameClaimType = "sub",
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(Caller.MethodClaim, "jwt"));
                }

                return Task.CompletedTask;
            },
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    private static SecurityKey ReadPublicKey(string pem)
    {
        // Try RSA, then EC: a PEM SubjectPublicKeyInfo says its algorithm, but the platform imports per family.
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (ArgumentException)
        {
        }
        catch (CryptographicException)
        {
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        return new ECDsaSecurityKey(ecdsa);
    }
}
