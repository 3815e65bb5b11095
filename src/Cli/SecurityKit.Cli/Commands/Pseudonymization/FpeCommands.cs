using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Pseudonymization.Fpe;

namespace SecurityKit.Cli.Commands.Pseudonymization;

/// <summary><c>securitykit fpe encrypt|decrypt</c>: FF1 and FF3-1 on numeral strings over 0-9a-z (CONTRACTS.md).</summary>
public sealed class FpeCommands : ICommandGroup
{
    /// <inheritdoc/>
    public IEnumerable<Command> CreateCommands()
    {
        var fpe = new Command("fpe", "Format-preserving encryption, NIST SP 800-38G Rev. 1 (FF1, FF3-1) with AES.");
        fpe.Subcommands.Add(Create("encrypt", encrypt: true));
        fpe.Subcommands.Add(Create("decrypt", encrypt: false));
        yield return fpe;
    }

    private static Command Create(string name, bool encrypt)
    {
        var algorithm = new Option<string>("--alg") { Description = "ff1 or ff3-1", Required = true };
        algorithm.AcceptOnlyFromAmong("ff1", "ff3-1");
        var key = new Option<string>("--key") { Description = "AES key in hex (128, 192 or 256 bits)", Required = true };
        var tweak = new Option<string>("--tweak") { Description = "tweak in hex; '' for the empty tweak (FF3-1: 56 bits)", Required = true };
        var radix = new Option<int>("--radix") { Description = "radix, 2..36 (numerals 0-9a-z)", Required = true };
        var value = new Argument<string>("VALUE") { Description = "the numeral string" };
        var command = new Command(name, encrypt ? "Encrypt a numeral string." : "Decrypt a numeral string.");
        command.Options.Add(algorithm);
        command.Options.Add(key);
        command.Options.Add(tweak);
        command.Options.Add(radix);
        command.Arguments.Add(value);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var keyBytes = Hex(r.GetValue(key)!, "--key");
            var tweakBytes = Hex(r.GetValue(tweak) ?? string.Empty, "--tweak");
            var input = r.GetValue(value)!;
            try
            {
                string output;
                if (r.GetValue(algorithm) == "ff1")
                {
                    using var ff1 = new Ff1(keyBytes, r.GetValue(radix));
                    output = encrypt ? ff1.Encrypt(input, tweakBytes) : ff1.Decrypt(input, tweakBytes);
                }
                else
                {
                    using var ff31 = new Ff31(keyBytes, r.GetValue(radix));
                    output = encrypt ? ff31.Encrypt(input, tweakBytes) : ff31.Decrypt(input, tweakBytes);
                }

                await r.InvocationConfiguration.Output.WriteLineAsync(output.AsMemory(), ct).ConfigureAwait(false);
                return 0;
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(keyBytes);
            }
        });
        return command;
    }

    private static byte[] Hex(string text, string option)
    {
        try
        {
            return Convert.FromHexString(text.Trim());
        }
        catch (FormatException)
        {
            // Never echo the value: it may be a key.
            throw new CommandLineError("the value is not hexadecimal", option);
        }
    }
}
