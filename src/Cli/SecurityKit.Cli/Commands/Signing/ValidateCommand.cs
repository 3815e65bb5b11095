using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Signing.Revocation;
using SecurityKit.Signing.Validation;

namespace SecurityKit.Cli.Commands.Signing;

/// <summary>
/// <c>securitykit validate --in FILE [--content FILE] --trust CA.pem [--json]</c>: one report per signature; exit 0
/// only when every signature is TOTAL_PASSED (CONTRACTS.md).
/// </summary>
internal sealed class ValidateCommand : ICommandGroup
{
    public IEnumerable<Command> CreateCommands()
    {
        var input = new Option<FileInfo>("--in") { Description = "A signed PDF, or a CMS signature (.p7s/.p7m)", Required = true };
        var content = new Option<FileInfo?>("--content") { Description = "The signed content of a detached CMS signature" };
        var trust = new Option<FileInfo>("--trust") { Description = "PEM file with the trust anchor(s), or an EU trusted list XML file (ETSI TS 119 612)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var offline = new Option<bool>("--offline") { Description = "Use only revocation data embedded in the signature" };
        var listSigner = new Option<FileInfo>("--tl-signer") { Description = "PEM certificate(s) of the trusted list's signer: with an XML --trust, the list's signature is verified first" };
        var maxAge = new Option<TimeSpan?>("--max-revocation-age") { Description = "Validation policy: maximum age of revocation data before the control time (e.g. 1.00:00:00)" };
        var pdfPassword = PdfPasswordOption.Create();
        var command = new Command("validate", "Validate CAdES and PAdES signatures (ETSI EN 319 102-1 indications).");
        foreach (var option in new Option[] { input, content, trust, json, offline, listSigner, maxAge, pdfPassword })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var inFile = result.GetValue(input)!;
            if (!inFile.Exists)
            {
                throw new CommandLineError("the file to validate does not exist", inFile.Name);
            }

            var contentFile = result.GetValue(content);
            if (contentFile is { Exists: false })
            {
                throw new CommandLineError("the content file does not exist", contentFile.Name);
            }

            using var http = new HttpClient();
            var trustFile = result.GetValue(trust)!;
            if (!trustFile.Exists)
            {
                throw new CommandLineError("the trust anchor file does not exist", trustFile.Name);
            }

            var online = result.GetValue(offline) ? null : new RevocationChecker(http);
            var signerFile = result.GetValue(listSigner);
            if (signerFile is { Exists: false })
            {
                throw new CommandLineError("the trusted list signer file does not exist", signerFile.Name);
            }

            ValidationOptions options;
            if (IsXml(trustFile.FullName))
            {
                var list = TrustedList.Load(trustFile.FullName, signerFile is null ? null : ValidationOptions.LoadTrustAnchors(signerFile.FullName));
                options = new ValidationOptions
                {
                    TrustAnchors = list.TrustAnchors,
                    QualifiedCertificateIssuers = list.QualifiedCertificateIssuers,
                    OnlineRevocation = online,
                    MaximumRevocationAge = result.GetValue(maxAge),
                    PdfPassword = PdfPasswordOption.Resolve(result, pdfPassword),
                };
            }
            else
            {
                options = new ValidationOptions { TrustAnchors = ValidationOptions.LoadTrustAnchors(trustFile.FullName), OnlineRevocation = online, MaximumRevocationAge = result.GetValue(maxAge), PdfPassword = PdfPasswordOption.Resolve(result, pdfPassword) };
            }

            var stream = new FileStream(inFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            ValidationReport report;
            await using (stream.ConfigureAwait(false))
            {
                report = await new SignedDocumentValidator().ValidateAsync(
                    stream,
                    contentFile is null ? null : SignedContent.FromFile(contentFile.FullName),
                    options,
                    cancellationToken).ConfigureAwait(false);
            }

            if (result.GetValue(json))
            {
                Console.Out.WriteLine(report.ToJson());
            }
            else
            {
                foreach (var signature in report.Signatures)
                {
                    var sub = signature.SubIndication is { } s ? "/" + System.Text.Json.JsonSerializer.Serialize(s).Trim('"') : string.Empty;
                    var indication = System.Text.Json.JsonSerializer.Serialize(signature.Indication).Trim('"');
                    Console.Out.WriteLine($"{signature.Id}: {indication}{sub}  {signature.Format}  signer: {signature.Signer?.CommonName ?? "?"}");
                    if (signature.ProvenSigningTime is { } proven)
                    {
                        Console.Out.WriteLine($"  timestamped at {proven:u}");
                    }

                    if (signature.Qualification is { } q)
                    {
                        Console.Out.WriteLine($"  qualification (certificate claims): {q.Conclusion}");
                    }

                    foreach (var error in signature.Errors)
                    {
                        Console.Out.WriteLine($"  error: {error}");
                    }

                    foreach (var warning in signature.Warnings)
                    {
                        Console.Out.WriteLine($"  warning: {warning}");
                    }
                }
            }

            return report.AllPassed ? 0 : 1;
        });
        yield return command;
    }

    private static bool IsXml(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[64];
        var read = stream.Read(head);
        var text = System.Text.Encoding.UTF8.GetString(head[..read]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('<');
    }
}
