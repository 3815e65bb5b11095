using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Infrastructure;

/// <summary>
/// The API as deployed (environment Production: no development credentials), trusting <see cref="TestCredentials"/>,
/// with its data folder in a temporary directory. Extra settings override the defaults.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory data = new("sk-api");
    private readonly Dictionary<string, string?> settings;
    private readonly string environment;

    public ApiFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    internal ApiFactory(IDictionary<string, string?> extraSettings, string environment = "Production", bool trustTestCredentials = true)
    {
        Credentials = new TestCredentials();
        this.environment = environment;
        settings = trustTestCredentials ? Credentials.Configuration() : [];
        settings["Api:DataDirectory"] = data.Path;
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }
    }

    internal TestCredentials Credentials { get; }

    /// <summary>The data folder (holds audit.db on the SQLite default).</summary>
    public string DataDirectory => data.Path;

    /// <summary>A client sending the given API key.</summary>
    public HttpClient ClientWithApiKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A client sending the given bearer token.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Host configuration applies before Program reads it (WebApplication.CreateBuilder), unlike ConfigureAppConfiguration.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Credentials.Dispose();
            data.Dispose();
        }
    }
}

/// <summary>
/// The API on a real Kestrel server on a loopback port: body size limits and connection behaviour are Kestrel's,
/// which the in-memory test server does not enforce.
/// </summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory()
    {
        UseKestrel(0);
    }
}
