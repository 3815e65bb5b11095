using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SecurityKit.Crypto;
using SecurityKit.Pseudonymization.Keys;
using SecurityKit.Pseudonymization.Pseudonymizers;
using SecurityKit.Pseudonymization.Tests.Pseudonymizers;
using SecurityKit.Testing;

namespace SecurityKit.Pseudonymization.Tests.Keys;

[CollectionDefinition("SoftHSM pseudonymisation", DisableParallelization = true)]
public sealed class SoftHsmPseudonymizationTests : ICollectionFixture<PseudonymizationToken>;

/// <summary>A SoftHSM2 token with a generated master key and one imported with a known value (to check the KDF).</summary>
public sealed class PseudonymizationToken : IDisposable
{
    public static readonly byte[] KnownSecret = Convert.FromHexString("8F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0");

    public PseudonymizationToken()
    {
        Token = new SoftHsmToken("pseudonyms");
        using (var provider = new Pkcs11KeyProvider(Options()))
        {
            provider.GenerateSecretKey("master", [0x10]);
        }

        Token.CreateSecretKey(KnownSecret, "known", [0x11]);
    }

    public SoftHsmToken Token { get; }

    public Pkcs11Options Options() => Token.Options();

    public void Dispose() => Token.Dispose();
}

[Collection("SoftHSM pseudonymisation")]
public sealed class Pkcs11PseudonymizationKeyTests(PseudonymizationToken hsm)
{
    [Fact]
    public void A_master_key_in_the_token_pseudonymises_and_reverses_national_numbers()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        var key = new Pkcs11PseudonymizationKey(provider.GetSecretKey("master"));
        using var pseudonymizer = new NationalNumberPseudonymizer(key, "study-a");

        var pseudonym = pseudonymizer.Pseudonymize("85073003328");

        Assert.True(NationalNumberPseudonymizer.IsDisjointPseudonym(ulong.Parse(pseudonym, provider: null)));
        Assert.Equal("85073003328", pseudonymizer.Reverse(pseudonym));
    }

    [Fact]
    public void The_token_key_gives_the_same_pseudonyms_after_the_token_is_opened_again()
    {
        string first, second;
        using (var provider = new Pkcs11KeyProvider(hsm.Options()))
        using (var pseudonymizer = new NationalNumberPseudonymizer(new Pkcs11PseudonymizationKey(provider.GetSecretKey(id: [0x10])), "study-a"))
        {
            first = pseudonymizer.Pseudonymize("85073003328");
        }

        using (var provider = new Pkcs11KeyProvider(hsm.Options()))
        using (var pseudonymizer = new NationalNumberPseudonymizer(new Pkcs11PseudonymizationKey(provider.GetSecretKey("master")), "study-a"))
        {
            second = pseudonymizer.Pseudonymize("85073003328");
        }

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_token_derives_domain_keys_with_the_SP800_108_counter_mode_KDF()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        var settings = new PseudonymizerSettings();
        var numbers = NationalNumbers.Generate(200, seed: 9).ToArray();

        foreach (var type in new[] { IdentifierType.NationalNumber, IdentifierType.EnterpriseNumber })
        {
            using var token = settings.Create(type, new Pkcs11PseudonymizationKey(provider.GetSecretKey("known")), "recipient");
            using var software = settings.Create(type, new SoftwareSp800108(PseudonymizationToken.KnownSecret), "recipient");
            var inputs = type == IdentifierType.NationalNumber ? numbers : [.. new[] { 1234567L, 4174971L, 10000000L }.Select(b => $"{b:D8}{97 - (b % 97):D2}")];
            Assert.Equal(inputs.Select(software.Pseudonymize), inputs.Select(token.Pseudonymize));
        }
    }

    [Fact]
    public void Domains_under_one_token_key_are_unlinkable()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());
        var key = new Pkcs11PseudonymizationKey(provider.GetSecretKey("master"));
        using var a = new NationalNumberPseudonymizer(key, "a");
        using var b = new NationalNumberPseudonymizer(key, "b");
        var numbers = NationalNumbers.Generate(2000, seed: 10).ToArray();

        Assert.True(numbers.Count(n => a.Pseudonymize(n) == b.Pseudonymize(n)) <= 2);
    }

    [Fact]
    public void A_token_without_the_key_is_a_specific_error()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());

        var error = Assert.Throws<HsmException>(() => provider.GetSecretKey("no-such-key"));

        Assert.Equal(HsmFailure.KeyNotFound, error.Failure);
    }

    [Fact]
    public void The_description_names_the_token_and_label_only()
    {
        using var provider = new Pkcs11KeyProvider(hsm.Options());

        var key = new Pkcs11PseudonymizationKey(provider.GetSecretKey("master"));

        Assert.Equal("token 'pseudonyms', key label 'master'", key.Description);
    }

    [Fact]
    public async Task The_command_line_creates_a_token_key_and_pseudonymises_with_it_reading_the_PIN_from_the_environment()
    {
        var environment = new Dictionary<string, string>(hsm.Token.Environment) { ["SK_TEST_PIN"] = hsm.Token.UserPin };
        string[] token = ["--pkcs11-module", SoftHsmToken.ModulePath, "--pkcs11-token", hsm.Token.Label, "--pkcs11-key", "cli-master", "--pkcs11-pin-env", "SK_TEST_PIN"];

        var created = await ExternalTool.RunAsync("dotnet", [SecurityKitCli.AssemblyPath, "keys", "create-pkcs11", .. token, "--pkcs11-id", "0A"], environment: environment);
        var forward = await ExternalTool.RunAsync("dotnet", [SecurityKitCli.AssemblyPath, "pseudonymize", "--type", "national-number", "--domain", "d", .. token], "85.07.30-033.28\n", environment);
        var back = await ExternalTool.RunAsync("dotnet", [SecurityKitCli.AssemblyPath, "pseudonymize", "--type", "national-number", "--domain", "d", "--reverse", .. token], forward.StandardOutput, environment);
        var noPin = await ExternalTool.RunAsync("dotnet", [SecurityKitCli.AssemblyPath, "pseudonymize", "--type", "national-number", "--domain", "d", .. token[..^1], "SK_UNSET_PIN"], "85073003328\n", hsm.Token.Environment);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(0, forward.ExitCode);
        Assert.NotEqual("85073003328", forward.StandardOutput.Trim());
        Assert.Equal("85073003328", back.StandardOutput.Trim());
        Assert.NotEqual(0, noPin.ExitCode);
        Assert.Contains("environment SK_UNSET_PIN", noPin.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(hsm.Token.UserPin, created.StandardOutput + forward.StandardError + noPin.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The same KDF computed in software, for a key whose value the test knows.</summary>
    private sealed class SoftwareSp800108(byte[] secret) : IDomainKeySource
    {
        public string Description => "software";

        public void DeriveDomainKey(ReadOnlySpan<byte> context, Span<byte> domainKey)
        {
            var label = Encoding.ASCII.GetBytes("SecurityKit.Pseudonymization domain key v1");
            var input = new byte[4 + label.Length + 1 + context.Length + 4];
            BinaryPrimitives.WriteUInt32BigEndian(input, 1);
            label.CopyTo(input, 4);
            context.CopyTo(input.AsSpan(4 + label.Length + 1));
            BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(input.Length - 4), 256);
            HMACSHA256.HashData(secret, input, domainKey);
        }
    }
}
