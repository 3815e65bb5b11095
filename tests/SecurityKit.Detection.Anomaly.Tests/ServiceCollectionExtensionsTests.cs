using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecurityKit.Detection.Anomaly.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void Options_are_bound_from_the_Anomaly_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SecurityKit:Anomaly:DataDirectory"] = "/var/lib/securitykit" })
            .Build();
        using var provider = new ServiceCollection().AddSecurityKitAnomaly(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AnomalyOptions>>().Value;

        Assert.Equal("/var/lib/securitykit", options.DataDirectory);
    }

    [Fact]
    public void Without_configuration_the_embedded_default_data_folder_is_used()
    {
        using var provider = new ServiceCollection().AddSecurityKitAnomaly().BuildServiceProvider();

        Assert.Equal("data", provider.GetRequiredService<IOptions<AnomalyOptions>>().Value.DataDirectory);
    }
}
