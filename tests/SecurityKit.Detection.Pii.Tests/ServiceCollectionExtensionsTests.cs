using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecurityKit.Detection.Pii.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void Options_are_bound_from_the_Pii_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SecurityKit:Pii:DataDirectory"] = "/var/lib/securitykit" })
            .Build();
        using var provider = new ServiceCollection().AddSecurityKitPii(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PiiOptions>>().Value;

        Assert.Equal("/var/lib/securitykit", options.DataDirectory);
    }

    [Fact]
    public void Without_configuration_the_embedded_default_data_folder_is_used()
    {
        using var provider = new ServiceCollection().AddSecurityKitPii().BuildServiceProvider();

        Assert.Equal("data", provider.GetRequiredService<IOptions<PiiOptions>>().Value.DataDirectory);
    }
}
