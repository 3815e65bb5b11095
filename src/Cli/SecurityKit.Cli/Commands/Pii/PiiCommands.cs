using System.CommandLine;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Detection.Pii;
using SecurityKit.Detection.Pii.Evaluation;

namespace SecurityKit.Cli.Commands.Pii;

/// <summary><c>securitykit pii scan</c> and <c>securitykit pii eval</c> (CONTRACTS.md "PII scanning").</summary>
internal sealed class PiiCommands : ICommandGroup
{
    public IEnumerable<Command> CreateCommands()
    {
        var pii = new Command("pii", "Find personal data (Belgian identifiers, names, addresses, …) in texts.");
        pii.Subcommands.Add(CreateScan());
        pii.Subcommands.Add(CreateEval());
        yield return pii;
    }

    private static Command CreateScan()
    {
        var scan = new Command("scan", "Read JSONL {\"id\",\"text\"} on stdin, write {\"id\",\"entities\":[{start,end,type,score}]} on stdout, in input order.");
        var maxLength = new Option<int>("--max-length")
        {
            Description = "Longest text accepted, in UTF-16 code units (default 4194304).",
            DefaultValueFactory = _ => new PiiOptions().MaxTextLength,
        };
        scan.Options.Add(maxLength);
        scan.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var options = new PiiOptions { MaxTextLength = r.GetValue(maxLength) };
            var detector = new PiiDetector(options);
            using var input = new StreamReader(Console.OpenStandardInput(), System.Text.Encoding.UTF8);
            // The whole answer is produced before anything is written, so a bad line never leaves half an output.
            var output = await PiiScanRunner.RunAsync(detector, input, ct).ConfigureAwait(false);
            using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(output, ct).ConfigureAwait(false);
            return 0;
        });
        return scan;
    }

    private static Command CreateEval()
    {
        var eval = new Command("eval", "Score the detector on a labelled JSONL corpus: precision, recall and F1 per type (exact spans).");
        var corpus = new Argument<FileInfo>("corpus") { Description = "JSONL lines {\"id\",\"text\",\"entities\":[{start,end,type}],\"split\"?}." };
        var split = new Option<string?>("--split") { Description = "Only score lines whose \"split\" field has this value (e.g. holdout)." };
        var showErrors = new Option<bool>("--show-errors")
        {
            Description = "After the table, list every false positive (FP) and miss (FN) with its span, score and context.",
        };
        var errorTypes = new Option<string[]>("--type")
        {
            Description = "With --show-errors, list only these types (e.g. --type PERSON --type ADDRESS).",
            AllowMultipleArgumentsPerToken = true,
        };
        eval.Arguments.Add(corpus);
        eval.Options.Add(split);
        eval.Options.Add(showErrors);
        eval.Options.Add(errorTypes);
        eval.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var file = r.GetValue(corpus)!;
            if (!file.Exists)
            {
                throw new CommandLineError("corpus file not found", file.Name);
            }

            List<LabelledText> texts;
            using (var reader = file.OpenText())
            {
                texts = PiiEvaluation.ReadCorpus(reader, file.Name);
            }

            var wanted = r.GetValue(split);
            if (!string.IsNullOrEmpty(wanted))
            {
                texts = texts.Where(t => string.Equals(t.Split, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            }

            var scores = PiiEvaluation.Score(PiiDetector.Default, texts);
            await Console.Out.WriteLineAsync($"corpus: {file.Name}, {texts.Count} texts{(string.IsNullOrEmpty(wanted) ? string.Empty : $", split {wanted}")}").ConfigureAwait(false);
            await Console.Out.WriteAsync(PiiEvaluation.Format(scores)).ConfigureAwait(false);
            if (r.GetValue(showErrors))
            {
                var types = new List<PiiEntityType>();
                foreach (var name in r.GetValue(errorTypes) ?? [])
                {
                    if (!PiiEntityTypeNames.TryParse(name, out var type))
                    {
                        throw new CommandLineError("unknown entity type", "--type");
                    }

                    types.Add(type);
                }

                var errors = PiiEvaluation.Errors(PiiDetector.Default, texts, types);
                await Console.Out.WriteLineAsync($"errors: {errors.Count(e => e.IsFalsePositive)} false positives, {errors.Count(e => !e.IsFalsePositive)} misses").ConfigureAwait(false);
                await Console.Out.WriteAsync(PiiEvaluation.FormatErrors(errors)).ConfigureAwait(false);
            }

            return 0;
        });
        return eval;
    }
}
