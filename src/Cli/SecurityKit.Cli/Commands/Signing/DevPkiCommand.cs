using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Signing.DevPki;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary><c>securitykit dev pki --out DIR [--port PORT]</c>: writes a TEST-ONLY PKI (CONTRACTS.md).</summary>
internal sealed class DevPkiCommand : ICommandGroup
{
    public string Parent => "dev";

    public IEnumerable<Command> CreateCommands()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the test PKI into (created if needed)", Required = true };
        var port = new Option<int>("--port") { Description = "Port of the OCSP/CRL/CA-issuer URLs on 127.0.0.1", DefaultValueFactory = _ => TestPki.DefaultPort };
        var command = new Command("pki", "Write a TEST-ONLY PKI: root and intermediate CA, a qualified-style signer, a seal, a TSA, an OCSP responder, CRLs.");
        command.Options.Add(output);
        command.Options.Add(port);
        command.SetAction((ParseResult result, CancellationToken _) =>
        {
            var directory = result.GetValue(output)!;
            var pki = TestPki.Create(directory.FullName, result.GetValue(port));
            Console.Out.WriteLine($"TEST-ONLY PKI written to {pki.Directory} (NOT FOR PRODUCTION)");
            Console.Out.WriteLine($"  trust anchor: {pki.RootPemPath}");
            Console.Out.WriteLine($"  signer:       {pki.PfxPath(TestPkiIdentity.Signer)}");
            Console.Out.WriteLine($"  password:     {pki.Password} (also in password.txt)");
            Console.Out.WriteLine($"  services:     securitykit dev tsa --pki {pki.Directory}  (serves {pki.BaseUrl})");
            return Task.FromResult(0);
        });
        yield return command;
    }
}
