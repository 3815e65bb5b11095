namespace SecurityKit.ReferenceApi.Security;

/// <summary>Authentication settings, bound from the <c>Api:Authentication</c> configuration section.</summary>
internal sealed class ApiSecurityOptions
{
    public const string Section = "Api:Authentication";

    /// <summary>Bearer tokens issued by an OAuth 2.0 / OpenID Connect provider.</summary>
    public JwtSettings Jwt { get; set; } = new();

    /// <summary>API keys for service-to-service calls, stored as SHA-256 hashes only.</summary>
    public List<ApiKeySettings> ApiKeys { get; set; } = [];
}

/// <summary>How bearer tokens are validated.</summary>
internal sealed class JwtSettings
{
    /// <summary>The expected <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>An OpenID Connect authority whose discovery document and JWKS are fetched (HTTPS only).</summary>
    public string? Authority { get; set; }

    /// <summary>A JWKS (RFC 7517 §5) file holding the issuer's public keys.</summary>
    public string? JwksFile { get; set; }

    /// <summary>PEM public keys (SubjectPublicKeyInfo, RSA or EC) of the issuer.</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>Tolerated clock difference with the issuer.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when any way of validating tokens is configured.</summary>
    public bool IsConfigured => Authority is not null || JwksFile is not null || SigningKeys.Count > 0;
}

/// <summary>One API key: its public id, the SHA-256 of the whole key, and what it may do.</summary>
internal sealed class ApiKeySettings
{
    /// <summary>The public id, the part between <c>skk_</c> and the next <c>_</c> of the key.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the whole key string (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>The scopes the key grants.</summary>
    public List<string> Scopes { get; set; } = [];
}
