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

public sealed class PseudonymizerProviderTests
{
    [Fact]
    public void The_provider_loads_the_configured_key_file_and_pseudonymises_per_domain()
    {
        using var directory = new SecurityKit.Testing.TemporaryDirectory();
        using (var ring = SecurityKit.Pseudonymization.Keys.KeyRing.CreateNew())
        {
            ring.Save(directory.File("pseudonymization-keys.json"));
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SecurityKit:Pseudonymization:DataDirectory"] = directory.Path })
            .Build();
        using var services = new ServiceCollection().AddSecurityKitPseudonymization(configuration).BuildServiceProvider();
        var provider = services.GetRequiredService<SecurityKit.Pseudonymization.Pseudonymizers.PseudonymizerProvider>();

        var a = provider.Get(SecurityKit.Pseudonymization.Pseudonymizers.IdentifierType.NationalNumber, "a");
        var pseudonym = a.Pseudonymize("85073003328");

        Assert.Same(a, provider.Get(SecurityKit.Pseudonymization.Pseudonymizers.IdentifierType.NationalNumber, "a"));
        Assert.Equal("85073003328", a.Reverse(pseudonym));
        Assert.NotEqual(pseudonym, provider.Get(SecurityKit.Pseudonymization.Pseudonymizers.IdentifierType.NationalNumber, "b").Pseudonymize("85073003328"));
    }
}
