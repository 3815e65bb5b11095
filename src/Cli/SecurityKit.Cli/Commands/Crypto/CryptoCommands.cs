using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Crypto.Inventory;

namespace SecurityKit.Cli.Commands.Crypto;

/// <summary>
/// <c>securitykit crypto inventory PATH... [--out FILE] [--pfx-password PW]</c>: a CycloneDX 1.6 CBOM of the
/// cryptography found under the paths. With <c>--out</c> the CBOM goes to the file (written to a temporary file and
/// moved into place) and the readable summary to stdout; without it the CBOM goes to stdout and the summary to stderr.
/// </summary>
internal sealed class CryptoCommands : ICommandGroup
{
    public IEnumerable<Command> CreateCommands()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders to scan (recursively).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo?>("--out") { Description = "Write the CycloneDX 1.6 JSON CBOM to this file (default: stdout)." };
        var pfxPasswords = new Option<string[]>("--pfx-password") { Description = "Password to try on PFX/PKCS#12 files (repeatable).", AllowMultipleArgumentsPerToken = false };
        var inventory = new Command("inventory", "Scan certificates, CMS/CAdES, signed PDFs, TLS configuration and .NET assemblies; write a CycloneDX 1.6 CBOM.");
        inventory.Arguments.Add(paths);
        inventory.Options.Add(output);
        inventory.Options.Add(pfxPasswords);
        inventory.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var options = new InventoryOptions();
            foreach (var password in result.GetValue(pfxPasswords) ?? [])
            {
                options.PfxPasswords.Add(password);
            }

            var report = CryptoInventory.Scan(result.GetValue(paths) ?? [], options);
            var target = result.GetValue(output);
            if (target is null)
            {
                using (var buffer = new MemoryStream())
                {
                    CycloneDxWriter.Write(report, buffer);
                    await result.InvocationConfiguration.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                InventorySummary.Write(report, result.InvocationConfiguration.Error);
                return 0;
            }

            var directory = target.Directory ?? new DirectoryInfo(".");
            if (!directory.Exists)
            {
                throw new CommandLineError("output folder does not exist", target.FullName);
            }

            var temporary = Path.Combine(directory.FullName, $".{target.Name}.{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var stream = File.Create(temporary))
                {
                    CycloneDxWriter.Write(report, stream);
                }

                File.Move(temporary, target.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }

            InventorySummary.Write(report, result.InvocationConfiguration.Output);
            return 0;
        });

        var crypto = new Command("crypto", "Crypto agility: inventory of the cryptography in use.");
        crypto.Subcommands.Add(inventory);
        yield return crypto;
    }
}
