using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecurityKit.ReferenceApi.Security;

/// <summary>
/// Credentials for development on a fresh machine: an ECDSA P-256 token-signing key and an API key with every
/// scope, created on first start in <c>&lt;data&gt;/development/</c> and reused afterwards. Only ever used when the
/// environment is Development and no credentials are configured; the key and a token are logged, marked
/// development-only, so that a developer can call the API at once.
/// </summary>
internal sealed class DevelopmentCredentials
{
    public const string Issuer = "securitykit-development";
    public const string Audience = "securitykit-api";
    public const string ApiKeyId = "dev";

    private DevelopmentCredentials(string folder, ECDsa signingKey, string apiKey)
    {
        Folder = folder;
        SigningKey = signingKey;
        ApiKey = apiKey;
    }

    /// <summary>Where the files are.</summary>
    public string Folder { get; }

    /// <summary>The token-signing key (private).</summary>
    public ECDsa SigningKey { get; }

    /// <summary>The development API key (all scopes).</summary>
    public string ApiKey { get; }

    /// <summary>Loads the credentials from <paramref name="dataDirectory"/>, creating them on first use.</summary>
    public static DevelopmentCredentials LoadOrCreate(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "development");
        Directory.CreateDirectory(folder);
        var keyPath = Path.Combine(folder, "token-signing-key.pem");
        var apiKeyPath = Path.Combine(folder, "api-key.txt");
        var signingKey = ECDsa.Create();
        if (File.Exists(keyPath))
        {
            signingKey.ImportFromPem(File.ReadAllText(keyPath));
        }
        else
        {
            signingKey.GenerateKey(ECCurve.NamedCurves.nistP256);
            WriteSecret(keyPath, signingKey.ExportPkcs8PrivateKeyPem());
        }

        string apiKey;
        if (File.Exists(apiKeyPath))
        {
            apiKey = File.ReadAllText(apiKeyPath).Trim();
        }
        else
        {
            apiKey = Security.ApiKey.Create(ApiKeyId);
            WriteSecret(apiKeyPath, apiKey);
        }

        return new DevelopmentCredentials(folder, signingKey, apiKey);
    }

    /// <summary>Configuration values that make the API accept these credentials.</summary>
    public IEnumerable<KeyValuePair<string, string?>> AsConfiguration()
    {
        const string Prefix = ApiSecurityOptions.Section + ":";
        yield return new(Prefix + "Jwt:Issuer", Issuer);
        yield return new(Prefix + "Jwt:Audience", Audience);
        yield return new(Prefix + "Jwt:SigningKeys:0", SigningKey.ExportSubjectPublicKeyInfoPem());
        yield return new(Prefix + "ApiKeys:0:Id", ApiKeyId);
        yield return new(Prefix + "ApiKeys:0:Sha256", Security.ApiKey.Hash(ApiKey));
        for (var i = 0; i < Scopes.All.Count; i++)
        {
            yield return new(Prefix + $"ApiKeys:0:Scopes:{i}", Scopes.All[i]);
        }
    }

    /// <summary>A bearer token with every scope, valid for <paramref name="lifetime"/>.</summary>
    public string CreateToken(TimeSpan lifetime, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "developer"), new Claim("scope", string.Join(' ', Scopes.All))]),
            NotBefore = now,
            IssuedAt = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(SigningKey), SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static void WriteSecret(string path, string content)
    {
        // Write beside, then move: a crash never leaves half a key. Owner-only permissions on Unix.
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
        {
            writer.Write(content);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
