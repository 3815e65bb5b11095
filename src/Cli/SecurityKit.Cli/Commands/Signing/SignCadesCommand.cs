using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Signing.Algorithms;
using SecurityKit.Signing.Cades;
using SecurityKit.Signing.Keys;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Timestamps;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>
/// <c>securitykit sign cades --in FILE --out FILE.p7s --pfx PFX --password PW [--detached] [--level B-B|B-T|B-LT|B-LTA] [--tsa URL]</c>.
/// </summary>
internal sealed class SignCadesCommand : ICommandGroup
{
    public string Parent => "sign";

    public IEnumerable<Command> CreateCommands()
    {
        var input = new Option<FileInfo>("--in") { Description = "The document to sign", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the CMS (.p7s detached, .p7m enveloping)", Required = true };
        var pfx = new Option<FileInfo>("--pfx") { Description = "PKCS#12 file with the signer's key and chain", Required = true };
        var password = new Option<string>("--password") { Description = "The PFX password", Required = true };
        var detached = new Option<bool>("--detached") { Description = "Leave the content outside the CMS (default: enveloping)" };
        var level = new Option<string>("--level") { Description = "B-B, B-T, B-LT or B-LTA", DefaultValueFactory = _ => "B-B" };
        var tsa = new Option<string?>("--tsa") { Description = "RFC 3161 TSA URL (needed for B-T and above)" };
        var pss = new Option<bool>("--pss") { Description = "Sign RSA keys with RSASSA-PSS instead of PKCS#1 v1.5" };
        var command = new Command("cades", "Make a CAdES baseline signature (ETSI EN 319 122-1).");
        foreach (var option in new Option[] { input, output, pfx, password, detached, level, tsa, pss })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var inFile = result.GetValue(input)!;
            var outFile = result.GetValue(output)!;
            var targetLevel = SignatureLevels.Parse(result.GetValue(level)!);
            var tsaText = result.GetValue(tsa);
            Uri? tsaUrl = null;
            if (tsaText is not null && (!Uri.TryCreate(tsaText, UriKind.Absolute, out tsaUrl) || (tsaUrl.Scheme != Uri.UriSchemeHttp && tsaUrl.Scheme != Uri.UriSchemeHttps)))
            {
                throw new CommandLineError("the TSA address is not an http(s) URL", "--tsa");
            }

            if (targetLevel >= SignatureLevel.BaselineT && tsaUrl is null)
            {
                throw new CommandLineError($"level {targetLevel.ToName()} needs a timestamp authority", "--tsa");
            }

            if (!inFile.Exists)
            {
                throw new CommandLineError("the document to sign does not exist", inFile.Name);
            }

            using var probe = CertificateKeySigner.FromPfx(result.GetValue(pfx)!.FullName, result.GetValue(password)!);
            using var signer = result.GetValue(pss) && probe.Algorithm.KeyKind == SignatureKeyKind.RsaPkcs1
                ? new CertificateKeySigner(probe.Certificate, probe.CertificateChain, SignatureAlgorithm.RsaPssSha256)
                : new CertificateKeySigner(probe.Certificate, probe.CertificateChain, probe.Algorithm);
            using var http = new HttpClient();
            var timestamps = tsaUrl is null ? null : new HttpTimestampClient(http, new TimestampClientOptions { Url = tsaUrl });
            var validationData = new ValidationDataCollector(new RevocationChecker(http), signer.CertificateChain);
            var service = new CadesService(timestamps, validationData);
            var parameters = CadesSignatureParameters.For(signer, targetLevel, result.GetValue(detached) ? SignaturePackaging.Detached : SignaturePackaging.Enveloping);

            var content = new FileStream(inFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            byte[] cms;
            await using (content.ConfigureAwait(false))
            {
                cms = await service.SignAsync(content, parameters, signer, cancellationToken).ConfigureAwait(false);
            }

            var temporary = outFile.FullName + ".tmp";
            await File.WriteAllBytesAsync(temporary, cms, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, outFile.FullName, overwrite: true);
            Console.Out.WriteLine($"CAdES {targetLevel.ToName()} {(parameters.Packaging == SignaturePackaging.Detached ? "detached" : "enveloping")} signature written to {outFile.FullName} ({cms.Length} bytes)");
            return 0;
        });
        yield return command;
    }
}
