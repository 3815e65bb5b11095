using System.Net;
using SecurityKit.ReferenceApi.Tests.Infrastructure;

namespace SecurityKit.ReferenceApi.Tests.Security;

/// <summary>Embedded defaults: development credentials only in Development and only when nothing is configured.</summary>
public sealed class DevelopmentModeTests
{
    [Fact]
    public async Task Development_creates_an_API_key_on_first_start_that_the_API_accepts()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>(), "Development", trustTestCredentials: false);
        using var anonymous = factory.CreateClient();
        var key = (await File.ReadAllTextAsync(Path.Combine(factory.DataDirectory, "development", "api-key.txt"))).Trim();

        using var client = factory.ClientWithApiKey(key);
        using var response = await client.GetAsync(new Uri("/audit/head", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Production_without_credentials_creates_none_and_refuses_everyone()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>(), "Production", trustTestCredentials: false);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/audit/head", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "development")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_development_key_file_is_readable_by_its_owner_only()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>(), "Development", trustTestCredentials: false);
        using var client = factory.CreateClient();

        var mode = File.GetUnixFileMode(Path.Combine(factory.DataDirectory, "development", "token-signing-key.pem"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
