using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Signing.DevPki;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>
/// <c>securitykit dev tsa --pki DIR [--port PORT]</c>: serves the test PKI's TSA (at /), OCSP responder and CRLs on
/// 127.0.0.1 until stopped (CONTRACTS.md).
/// </summary>
internal sealed class DevTsaCommand : ICommandGroup
{
    public string Parent => "dev";

    public IEnumerable<Command> CreateCommands()
    {
        var pkiOption = new Option<DirectoryInfo>("--pki") { Description = "Folder written by 'dev pki'", Required = true };
        var port = new Option<int?>("--port") { Description = "Port on 127.0.0.1 (default: the PKI's port)" };
        var command = new Command("tsa", "Serve the test PKI's RFC 3161 TSA, OCSP responder and CRLs on 127.0.0.1 until stopped (TEST ONLY).");
        command.Options.Add(pkiOption);
        command.Options.Add(port);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var pki = TestPki.Load(result.GetValue(pkiOption)!.FullName);
            await using var server = TestPkiServer.Start(pki, result.GetValue(port));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            Console.Out.WriteLine($"TEST-ONLY TSA, OCSP and CRLs on {server.BaseUrl} (TSA at /, OCSP at /ocsp, CRLs at /crl/); Ctrl+C stops");
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            await server.RunUntilCancelledAsync(stop.Token).ConfigureAwait(false);
            return 0;
        });
        yield return command;
    }
}
