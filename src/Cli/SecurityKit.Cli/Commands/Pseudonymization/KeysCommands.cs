using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Pseudonymization.Keys;

namespace SecurityKit.Cli.Commands.Pseudonymization;

/// <summary><c>securitykit keys create|rotate</c>: pseudonymisation key files (owner-only, versioned JSON).</summary>
public sealed class KeysCommands : ICommandGroup
{
    /// <inheritdoc/>
    public string Parent => "keys";

    /// <inheritdoc/>
    public IEnumerable<Command> CreateCommands()
    {
        yield return Create();
        yield return Rotate();
        yield return CreateInToken();
    }

    private static Command Create()
    {
        var output = new Option<string>("--out") { Description = "the key file to create (mode 0600)", Required = true };
        var name = new Option<string>("--name") { Description = "the key name", DefaultValueFactory = _ => KeyRing.DefaultKeyName };
        var force = new Option<bool>("--force") { Description = "replace an existing key file (its keys are lost)" };
        var command = new Command("create", "Create a pseudonymisation key file with one new random 256-bit key (version 1).");
        command.Options.Add(output);
        command.Options.Add(name);
        command.Options.Add(force);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            using var ring = KeyRing.CreateNew(r.GetValue(name)!);
            ring.Save(r.GetValue(output)!, r.GetValue(force));
            var key = ring.Latest(r.GetValue(name)!);
            await r.InvocationConfiguration.Output.WriteLineAsync($"created key '{key.Name}' version {key.Version} (check {key.CheckValue}) in {r.GetValue(output)}".AsMemory(), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateInToken()
    {
        var pkcs11 = new Pkcs11KeyOptions();
        var id = new Option<string?>("--pkcs11-id") { Description = "CKA_ID of the new key, in hex (default 01)" };
        var command = new Command("create-pkcs11", "Generate a pseudonymisation master key inside a PKCS#11 token (256-bit generic secret, sensitive, not extractable); use it with `pseudonymize --pkcs11-...`.");
        foreach (var option in pkcs11.All.Append(id))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            byte[] keyId;
            try
            {
                keyId = Convert.FromHexString(r.GetValue(id) ?? "01");
            }
            catch (FormatException)
            {
                throw new CommandLineError("the key id must be hexadecimal", "--pkcs11-id");
            }

            using var provider = pkcs11.Open(r);
            var key = provider.GenerateSecretKey(pkcs11.KeyLabel(r), keyId);
            await r.InvocationConfiguration.Output.WriteLineAsync($"created a master key in {key.Description}".AsMemory(), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Rotate()
    {
        var file = new Option<string>("--key-file") { Description = "the key file", Required = true };
        var name = new Option<string>("--name") { Description = "the key name", DefaultValueFactory = _ => KeyRing.DefaultKeyName };
        var command = new Command("rotate", "Add a new version of a key; domains not pinned to a version move to it (re-pseudonymise with `pseudonymize --rekey-from-version`).");
        command.Options.Add(file);
        command.Options.Add(name);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var path = r.GetValue(file)!;
            using var ring = KeyRing.Load(path);
            var key = ring.Rotate(r.GetValue(name)!);
            ring.Save(path, overwrite: true);
            await r.InvocationConfiguration.Output.WriteLineAsync($"added key '{key.Name}' version {key.Version} (check {key.CheckValue})".AsMemory(), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
