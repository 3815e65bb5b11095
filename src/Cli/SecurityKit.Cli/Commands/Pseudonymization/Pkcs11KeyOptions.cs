using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Crypto;

namespace SecurityKit.Cli.Commands.Pseudonymization;

/// <summary>
/// Command-line options naming a pseudonymisation master key in a PKCS#11 token. The PIN is read from an environment
/// variable (never from the command line, where other users could see it in the process list).
/// </summary>
internal sealed class Pkcs11KeyOptions
{
    /// <summary>The environment variable read for the user PIN when none is named.</summary>
    public const string DefaultPinVariable = "SECURITYKIT_PKCS11_PIN";

    public Option<string?> Module { get; } = new("--pkcs11-module") { Description = "PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so): the master key is in a token" };

    public Option<string?> Token { get; } = new("--pkcs11-token") { Description = "PKCS#11 token label" };

    public Option<string?> Key { get; } = new("--pkcs11-key") { Description = "label of the master key (a generic secret key) in the token" };

    public Option<string> PinVariable { get; } = new("--pkcs11-pin-env") { Description = "environment variable holding the token's user PIN", DefaultValueFactory = _ => DefaultPinVariable };

    public IEnumerable<Option> All => [Module, Token, Key, PinVariable];

    public bool IsGiven(ParseResult result) => result.GetValue(Module) is not null || result.GetValue(Key) is not null || result.GetValue(Token) is not null;

    /// <summary>Opens the token; throws a one-line error naming the missing option.</summary>
    public Pkcs11KeyProvider Open(ParseResult result)
    {
        var module = result.GetValue(Module) ?? throw new CommandLineError("a PKCS#11 key needs --pkcs11-module", "command line");
        var token = result.GetValue(Token) ?? throw new CommandLineError("a PKCS#11 key needs --pkcs11-token", "command line");
        var variable = result.GetValue(PinVariable)!;
        var pin = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(pin))
        {
            throw new CommandLineError("the token's user PIN is not set", $"environment {variable}");
        }

        return new Pkcs11KeyProvider(new Pkcs11Options { ModulePath = module, TokenLabel = token, UserPin = pin });
    }

    public string KeyLabel(ParseResult result) =>
        result.GetValue(Key) ?? throw new CommandLineError("a PKCS#11 key needs --pkcs11-key (the key's label)", "command line");
}
