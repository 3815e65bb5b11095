using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Crypto;
using SecurityKit.Pseudonymization.Bulk;
using SecurityKit.Pseudonymization.Keys;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.Cli.Commands.Pseudonymization;

/// <summary>
/// <c>securitykit pseudonymize</c> (CONTRACTS.md): one identifier per line from stdin to stdout, or a CSV file with
/// <c>--csv</c>. Keys come from a key file or an environment variable; key material is never printed.
/// </summary>
public sealed class PseudonymizeCommand : ICommandGroup
{
    /// <inheritdoc/>
    public IEnumerable<Command> CreateCommands()
    {
        var type = new Option<string>("--type") { Description = "national-number, enterprise-number or iban", Required = true };
        type.AcceptOnlyFromAmong("national-number", "enterprise-number", "iban");
        var keyFile = new Option<string?>("--key-file") { Description = "key file made by `securitykit keys create`" };
        var keyEnv = new Option<string?>("--key-env") { Description = $"environment variable holding a key file's JSON or a base64 256-bit key (instead of --key-file)" };
        var domain = new Option<string>("--domain") { Description = "the domain (project, data recipient): different domains give unlinkable pseudonyms", Required = true };
        var reverse = new Option<bool>("--reverse") { Description = "turn pseudonyms back into identifiers" };
        var onInvalid = new Option<string>("--on-invalid") { Description = "fail (default: stop with the line number), skip (an empty line keeps lines aligned; CSV: the row is left out), or mark (#INVALID(rule))", DefaultValueFactory = _ => "fail" };
        onInvalid.AcceptOnlyFromAmong("fail", "skip", "mark");
        var keyName = new Option<string>("--key-name") { Description = "key name in the key file", DefaultValueFactory = _ => KeyRing.DefaultKeyName };
        var keyVersion = new Option<int?>("--key-version") { Description = "key version (default: the domain's pinned version, else the latest)" };
        var rekeyFrom = new Option<int?>("--rekey-from-version") { Description = "rotation: input is pseudonyms made with this key version; output is pseudonyms with the current version (no cleartext is written)" };
        var mode = new Option<string>("--mode") { Description = "national numbers: disjoint (default; pseudonyms can never be real numbers) or valid", DefaultValueFactory = _ => "disjoint" };
        mode.AcceptOnlyFromAmong("disjoint", "valid");
        var keepYear = new Option<bool>("--keep-birth-year") { Description = "national numbers: keep the birth year" };
        var keepParity = new Option<bool>("--keep-gender-parity") { Description = "national numbers: keep the parity of the sequence number (gender)" };
        var keepBank = new Option<bool>("--keep-bank-code") { Description = "IBAN: keep the bank code" };
        var csv = new Option<bool>("--csv") { Description = "pseudonymise columns of a CSV file (--in, --out, --columns)" };
        var input = new Option<string?>("--in") { Description = "CSV mode: the input file" };
        var output = new Option<string?>("--out") { Description = "CSV mode: the output file (written to a temporary file, moved into place when complete)" };
        var columns = new Option<string?>("--columns") { Description = "CSV mode: comma-separated column names (or 0-based indexes with --no-header)" };
        var delimiter = new Option<string>("--delimiter") { Description = "CSV mode: the field delimiter", DefaultValueFactory = _ => "," };
        var noHeader = new Option<bool>("--no-header") { Description = "CSV mode: the file has no header row" };
        var pkcs11 = new Pkcs11KeyOptions();

        var command = new Command("pseudonymize", "Pseudonymise identifiers, one per line on stdin (canonical pseudonyms on stdout), or columns of a CSV file.");
        foreach (var option in new Option[] { type, keyFile, keyEnv, domain, reverse, onInvalid, keyName, keyVersion, rekeyFrom, mode, keepYear, keepParity, keepBank, csv, input, output, columns, delimiter, noHeader }.Concat(pkcs11.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var identifierType = r.GetValue(type) switch
            {
                "national-number" => IdentifierType.NationalNumber,
                "enterprise-number" => IdentifierType.EnterpriseNumber,
                _ => IdentifierType.Iban,
            };
            var settings = new PseudonymizerSettings
            {
                NationalNumber = new NationalNumberPseudonymOptions
                {
                    Mode = r.GetValue(mode) == "valid" ? NationalNumberPseudonymMode.Valid : NationalNumberPseudonymMode.Disjoint,
                    KeepBirthYear = r.GetValue(keepYear),
                    KeepGenderParity = r.GetValue(keepParity),
                },
                KeepBankCode = r.GetValue(keepBank),
            };
            var policy = r.GetValue(onInvalid) switch
            {
                "skip" => InvalidIdentifierPolicy.Skip,
                "mark" => InvalidIdentifierPolicy.Mark,
                _ => InvalidIdentifierPolicy.Fail,
            };
            var domainName = r.GetValue(domain)!;
            KeyRing? ring = null;
            Pkcs11KeyProvider? token = null;
            IdentifierPseudonymizer? pseudonymizer = null;
            IdentifierPseudonymizer? previous = null;
            try
            {
                var name = r.GetValue(keyName)!;
                if (pkcs11.IsGiven(r))
                {
                    if (r.GetValue(keyFile) is not null || r.GetValue(keyEnv) is not null)
                    {
                        throw new CommandLineError("give a key file, a key variable or a PKCS#11 key, not several", "command line");
                    }

                    if (r.GetValue(rekeyFrom) is not null || r.GetValue(keyVersion) is not null)
                    {
                        throw new CommandLineError("key versions belong to key files; a PKCS#11 key is rotated by using another token key", "command line");
                    }

                    token = pkcs11.Open(r);
                    pseudonymizer = settings.Create(identifierType, new Pkcs11PseudonymizationKey(token.GetSecretKey(pkcs11.KeyLabel(r))), domainName);
                }
                else
                {
                    ring = LoadRing(r.GetValue(keyFile), r.GetValue(keyEnv));
                    var key = r.GetValue(keyVersion) is { } version ? ring.Get(name, version) : ring.ForDomain(domainName, name);
                    pseudonymizer = settings.Create(identifierType, key.Material, domainName);
                }

                if (r.GetValue(rekeyFrom) is { } oldVersion)
                {
                    if (r.GetValue(reverse))
                    {
                        throw new CommandLineError("--rekey-from-version and --reverse cannot be combined", "command line");
                    }

                    previous = settings.Create(identifierType, ring!.Get(name, oldVersion).Material, domainName);
                }

                if (r.GetValue(csv))
                {
                    var columnList = (r.GetValue(columns) ?? throw new CommandLineError("--csv needs --columns", "command line"))
                        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var delimiterText = r.GetValue(delimiter)!;
                    if (delimiterText.Length != 1)
                    {
                        throw new CommandLineError("the delimiter must be one character", "--delimiter");
                    }

                    var job = new CsvPseudonymization(
                        previous is null ? new IdentifierTransform(pseudonymizer, r.GetValue(reverse)) : new IdentifierTransform(previous, pseudonymizer),
                        columnList,
                        delimiterText[0],
                        !r.GetValue(noHeader),
                        policy);
                    var result = await job.RunAsync(
                        r.GetValue(input) ?? throw new CommandLineError("--csv needs --in", "command line"),
                        r.GetValue(output) ?? throw new CommandLineError("--csv needs --out", "command line"),
                        null,
                        ct).ConfigureAwait(false);
                    await r.InvocationConfiguration.Error.WriteLineAsync($"{result.Processed} rows, {result.Invalid} invalid{(policy == InvalidIdentifierPolicy.Skip ? " (rows left out)" : policy == InvalidIdentifierPolicy.Mark ? " (marked)" : string.Empty)}".AsMemory(), ct).ConfigureAwait(false);
                    return 0;
                }

                var transform = previous is null ? new IdentifierTransform(pseudonymizer, r.GetValue(reverse)) : new IdentifierTransform(previous, pseudonymizer);
                await using var stdin = Console.OpenStandardInput();
                await using var stdout = Console.OpenStandardOutput();
                var counts = await LinePseudonymization.RunAsync(transform, stdin, stdout, policy, null, ct).ConfigureAwait(false);
                if (counts.Invalid > 0 || policy != InvalidIdentifierPolicy.Fail)
                {
                    // Counts go to stderr so that stdout stays one output line per input line.
                    var what = policy == InvalidIdentifierPolicy.Skip ? "skipped (empty lines)" : "marked";
                    await r.InvocationConfiguration.Error.WriteLineAsync($"{counts.Processed} lines, {counts.Invalid} invalid {what}".AsMemory(), ct).ConfigureAwait(false);
                }

                return 0;
            }
            finally
            {
                previous?.Dispose();
                pseudonymizer?.Dispose();
                token?.Dispose();
                ring?.Dispose();
            }
        });
        yield return command;
    }

    private static KeyRing LoadRing(string? keyFile, string? keyEnv) => (keyFile, keyEnv) switch
    {
        ({ } file, null) => KeyRing.Load(file),
        (null, { } variable) => KeyRing.FromEnvironment(variable),
        (null, null) => throw new CommandLineError("give --key-file or --key-env", "command line"),
        _ => throw new CommandLineError("give either --key-file or --key-env, not both", "command line"),
    };
}
