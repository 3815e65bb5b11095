using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecurityKit.Pseudonymization.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void Options_are_bound_from_the_Pseudonymization_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SecurityKit:Pseudonymization:DataDirectory"] = "/var/lib/securitykit" })
            .Build();
        using var provider = new ServiceCollection().AddSecurityKitPseudonymization(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PseudonymizationOptions>>().Value;

        Assert.Equal("/var/lib/securitykit", options.DataDirectory);
    }

    [Fact]
    public void Without_configuration_the_embedded_default_data_folder_is_used()
    {
        using var provider = new ServiceCollection().AddSecurityKitPseudonymization().BuildServiceProvider();

        Assert.Equal("data", provider.GetRequiredService<IOptions<PseudonymizationOptions>>().Value.DataDirectory);
    }
}
