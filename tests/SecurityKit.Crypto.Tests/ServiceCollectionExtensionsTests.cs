using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecurityKit.Crypto.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void Options_are_bound_from_the_Crypto_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SecurityKit:Crypto:DataDirectory"] = "/var/lib/securitykit" })
            .Build();
        using var provider = new ServiceCollection().AddSecurityKitCrypto(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<CryptoOptions>>().Value;

        Assert.Equal("/var/lib/securitykit", options.DataDirectory);
    }

    [Fact]
    public void Without_configuration_the_embedded_default_data_folder_is_used()
    {
        using var provider = new ServiceCollection().AddSecurityKitCrypto().BuildServiceProvider();

        Assert.Equal("data", provider.GetRequiredService<IOptions<CryptoOptions>>().Value.DataDirectory);
    }
}
