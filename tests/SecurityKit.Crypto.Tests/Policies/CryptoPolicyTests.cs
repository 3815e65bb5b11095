using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SecurityKit.Crypto.Tests.Policies;

public sealed class CryptoPolicyTests
{
    [Fact]
    public void Without_configuration_documents_use_composite_ML_DSA_65_with_ECDSA_P256()
    {
        using var services = new ServiceCollection().AddSecurityKitCrypto().BuildServiceProvider();

        var policy = services.GetRequiredService<ICryptoPolicyProvider>().GetPolicy("documents");

        Assert.Same(SignatureAlgorithm.MlDsa65EcdsaP256, policy.Signature);
    }

    [Fact]
    public void Without_configuration_the_seal_uses_RSA_3072_PSS()
    {
        using var services = new ServiceCollection().AddSecurityKitCrypto().BuildServiceProvider();

        Assert.Same(SignatureAlgorithm.Rsa3072Pss, services.GetRequiredService<ICryptoPolicyProvider>().GetPolicy("seal").RequireSignature());
    }

    [Fact]
    public void Configuration_chooses_the_algorithm_of_a_policy()
    {
        using var services = Services(new() { ["SecurityKit:Crypto:Policies:seal:Signature"] = "ML-DSA-87" }, out _);

        Assert.Same(SignatureAlgorithm.MlDsa87, services.GetRequiredService<ICryptoPolicyProvider>().GetPolicy("seal").Signature);
    }

    [Fact]
    public void Changing_the_configuration_changes_the_algorithm_without_restart()
    {
        using var services = Services(new() { ["SecurityKit:Crypto:Policies:documents:Signature"] = "ECDSA-P256" }, out var configuration);
        var provider = services.GetRequiredService<ICryptoPolicyProvider>();
        var before = provider.GetPolicy("documents").Signature;

        configuration["SecurityKit:Crypto:Policies:documents:Signature"] = "ML-DSA-65+ECDSA-P256";
        configuration.Reload();

        Assert.Same(SignatureAlgorithm.EcdsaP256Sha256, before);
        Assert.Same(SignatureAlgorithm.MlDsa65EcdsaP256, provider.GetPolicy("documents").Signature);
    }

    [Fact]
    public void A_policy_signs_with_whatever_algorithm_it_names()
    {
        using var services = Services(new() { ["SecurityKit:Crypto:Policies:minutes:Signature"] = "Ed25519" }, out _);
        var algorithm = services.GetRequiredService<ICryptoPolicyProvider>().GetPolicy("minutes").RequireSignature();
        using var key = Key.Create(algorithm);

        Assert.True(algorithm.TryVerify(key.PublicKey, "pv"u8, algorithm.Sign(key, "pv"u8)));
    }

    [Fact]
    public void An_unknown_algorithm_in_configuration_names_the_configuration_key()
    {
        using var services = Services(new() { ["SecurityKit:Crypto:Policies:seal:Signature"] = "RSA-1024-MD5" }, out _);

        var error = Assert.Throws<UnsupportedAlgorithmException>(() => services.GetRequiredService<ICryptoPolicyProvider>().GetPolicy("seal"));

        Assert.Equal("SecurityKit:Crypto:Policies:seal:Signature", error.Location);
    }

    [Fact]
    public void A_KEM_configured_as_a_signature_algorithm_is_refused()
    {
        using var services = Services(new() { ["SecurityKit:Crypto:Policies:seal:Signature"] = "ML-KEM-768" }, out _);

        Assert.Throws<UnsupportedAlgorithmException>(() => services.GetRequiredService<ICryptoPolicyProvider>().GetPolicy("seal"));
    }

    [Fact]
    public void An_unknown_policy_is_a_specific_error()
    {
        using var services = new ServiceCollection().AddSecurityKitCrypto().BuildServiceProvider();

        var error = Assert.Throws<SecurityKitException>(() => services.GetRequiredService<ICryptoPolicyProvider>().GetPolicy("payroll"));

        Assert.Contains("payroll", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_without_a_KEM_says_so()
    {
        using var services = new ServiceCollection().AddSecurityKitCrypto().BuildServiceProvider();

        Assert.Throws<SecurityKitException>(() => services.GetRequiredService<ICryptoPolicyProvider>().GetPolicy("seal").RequireKeyEncapsulation());
    }

    private static ServiceProvider Services(Dictionary<string, string?> values, out IConfigurationRoot configuration)
    {
        configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddSecurityKitCrypto(configuration).BuildServiceProvider();
    }
}
