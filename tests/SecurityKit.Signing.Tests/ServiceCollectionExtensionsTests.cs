using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecurityKit.Signing.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void Options_are_bound_from_the_Signing_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SecurityKit:Signing:DataDirectory"] = "/var/lib/securitykit" })
            .Build();
        using var provider = new ServiceCollection().AddSecurityKitSigning(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SigningOptions>>().Value;

        Assert.Equal("/var/lib/securitykit", options.DataDirectory);
    }

    [Fact]
    public void The_CAdES_signing_and_validation_services_resolve()
    {
        using var provider = new ServiceCollection().AddSecurityKitSigning().BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<SecurityKit.Signing.Cades.CadesService>());
        Assert.NotNull(provider.GetRequiredService<SecurityKit.Signing.Validation.SignedDocumentValidator>());
    }

    [Fact]
    public void Without_configuration_the_embedded_default_data_folder_is_used()
    {
        using var provider = new ServiceCollection().AddSecurityKitSigning().BuildServiceProvider();

        Assert.Equal("data", provider.GetRequiredService<IOptions<SigningOptions>>().Value.DataDirectory);
    }
}
