using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Signing.Pades;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>
/// <c>securitykit sign pades --in IN.pdf --out OUT.pdf --pfx PFX --password PW [--level B-B|B-T|B-LT|B-LTA] [--tsa URL]</c>
/// (CONTRACTS.md) <c>[--pdf-password PW]</c> (or SECURITYKIT_PDF_PASSWORD, for an encrypted PDF): signs a PDF as an incremental update; the output is written to a temporary file beside it and
/// moved into place only when complete.
/// </summary>
internal sealed class SignPadesCommand : ICommandGroup
{
    public string Parent => "sign";

    public IEnumerable<Command> CreateCommands()
    {
        var input = new Option<FileInfo>("--in") { Description = "The PDF to sign.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where the signed PDF goes.", Required = true };
        var pfx = new Option<FileInfo>("--pfx") { Description = "PKCS#12 file with the signer's key and certificate chain.", Required = true };
        var password = new Option<string>("--password") { Description = "Password of the PKCS#12 file.", Required = true };
        var level = new Option<string>("--level") { Description = "PAdES baseline level: B-B (default), B-T, B-LT or B-LTA.", DefaultValueFactory = _ => "B-B" };
        level.AcceptOnlyFromAmong("B-B", "B-T", "B-LT", "B-LTA");
        var tsa = new Option<string>("--tsa") { Description = "RFC 3161 time-stamping authority URL (needed from B-T on)." };
        var pdfPassword = PdfPasswordOption.Create();
        var command = new Command("pades", "Sign a PDF with a PAdES baseline signature (ETSI EN 319 142-1), as an incremental update.");
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(pfx);
        command.Options.Add(password);
        command.Options.Add(level);
        command.Options.Add(tsa);
        command.Options.Add(pdfPassword);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var inPath = r.GetValue(input)!;
            var outPath = r.GetValue(output)!;
            var parsedLevel = ParseLevel(r.GetValue(level) ?? "B-B");
            Uri? tsaUrl = null;
            if (r.GetValue(tsa) is { Length: > 0 } tsaText
                && (!Uri.TryCreate(tsaText, UriKind.Absolute, out tsaUrl) || tsaUrl.Scheme is not ("http" or "https")))
            {
                throw new CommandLineError("--tsa is not an http(s) URL", "--tsa", SecurityKitCommand.UsageExitCode);
            }

            if (parsedLevel >= PadesLevel.BaselineT && tsaUrl is null)
            {
                throw new CommandLineError($"--level {r.GetValue(level)} needs --tsa", "--tsa", SecurityKitCommand.UsageExitCode);
            }

            if (!inPath.Exists)
            {
                throw new CommandLineError("input file not found", "--in");
            }

            var (signer, chain) = LoadPfx(r.GetValue(pfx)!, r.GetValue(password) ?? string.Empty);
            using (signer)
            {
                var parameters = new PadesSignatureParameters
                {
                    SigningCertificate = signer,
                    CertificateChain = chain,
                    Level = parsedLevel,
                    TimestampAuthority = tsaUrl,
                    PdfPassword = PdfPasswordOption.Resolve(r, pdfPassword),
                };
                var directory = outPath.DirectoryName ?? ".";
                var temporary = Path.Combine(directory, $".{outPath.Name}.{Environment.ProcessId}.tmp");
                try
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                    await using (var source = new FileStream(inPath.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess))
                    await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
                    {
                        await new PadesSigner(http).SignAsync(source, target, parameters, ct);
                    }

                    File.Move(temporary, outPath.FullName, overwrite: true);
                }
                finally
                {
                    File.Delete(temporary);
                }
            }

            await r.InvocationConfiguration.Output.WriteLineAsync($"signed {outPath.Name} (PAdES {r.GetValue(level)})");
            return 0;
        });
        return [command];
    }

    private static PadesLevel ParseLevel(string level) => level switch
    {
        "B-B" => PadesLevel.BaselineB,
        "B-T" => PadesLevel.BaselineT,
        "B-LT" => PadesLevel.BaselineLT,
        "B-LTA" => PadesLevel.BaselineLTA,
        _ => throw new CommandLineError("unknown level", "--level", SecurityKitCommand.UsageExitCode),
    };

    private static (X509Certificate2 Signer, List<X509Certificate2> Chain) LoadPfx(FileInfo file, string password)
    {
        if (!file.Exists)
        {
            throw new CommandLineError("PKCS#12 file not found", "--pfx");
        }

        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(file.FullName, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new CommandLineError("the PKCS#12 file cannot be opened (wrong password or not PKCS#12)", "--pfx");
        }

        var signer = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new CommandLineError("the PKCS#12 file holds no private key", "--pfx");
        var chain = all.Where(c => !ReferenceEquals(c, signer)).ToList();
        return (signer, chain);
    }
}
