using System.Text.Json;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Pii.Tests.Cli;

public sealed class PiiCliTests
{
    [Fact]
    public async Task Scan_writes_one_line_per_input_in_order_with_contract_fields()
    {
        var input = "{\"id\":\"a\",\"text\":\"NISS 85.07.30-033.28\"}\n{\"id\":\"b\",\"text\":\"rien\"}\n{\"id\":\"c\",\"text\":\"mail jan@example.be\"}\n";
        var result = await SecurityKitCli.RunAsync(["pii", "scan"], input);
        Assert.Equal(0, result.ExitCode);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["a", "b", "c"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
        var first = JsonDocument.Parse(lines[0]).RootElement.GetProperty("entities")[0];
        Assert.Equal(5, first.GetProperty("start").GetInt32());
        Assert.Equal(20, first.GetProperty("end").GetInt32());
        Assert.Equal("NATIONAL_NUMBER", first.GetProperty("type").GetString());
        Assert.InRange(first.GetProperty("score").GetDouble(), 0.5, 1.0);
    }

    [Fact]
    public async Task Scan_refuses_a_bad_line_naming_it_and_writes_nothing()
    {
        var result = await SecurityKitCli.RunAsync(["pii", "scan"], "{\"id\":\"a\",\"text\":\"ok\"}\nnot json\n");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("line 2", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Fact]
    public async Task Scan_refuses_a_text_over_the_limit()
    {
        var result = await SecurityKitCli.RunAsync(["pii", "scan", "--max-length", "10"], "{\"id\":\"a\",\"text\":\"01234567890123\"}\n");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("exceeds", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_prints_precision_recall_and_f1_per_type()
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "Corpus", "pii-corpus.jsonl");
        var result = await SecurityKitCli.RunAsync("pii", "eval", corpus, "--split", "holdout");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("NATIONAL_NUMBER", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("precision", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <c>pii eval</c> on a one-text corpus: "Quartier" is labelled as a person but is none (a miss); the e-mail is
    /// found but not labelled (a false positive).
    /// </summary>
    private static async Task<ToolResult> EvalTinyCorpusAsync(params string[] options)
    {
        using var folder = new TemporaryDirectory();
        var corpus = folder.File("tiny.jsonl");
        await File.WriteAllTextAsync(corpus, "{\"id\":\"t1\",\"text\":\"Quartier calme, mail jan@example.be\",\"entities\":[{\"start\":0,\"end\":8,\"type\":\"PERSON\"}]}\n");
        string[] arguments = ["pii", "eval", corpus, .. options];
        return await SecurityKitCli.RunAsync(arguments);
    }

    [Fact]
    public async Task Eval_with_show_errors_lists_each_miss_and_false_positive_with_its_span()
    {
        var result = await EvalTinyCorpusAsync("--show-errors");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("errors: 1 false positives, 1 misses", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("FN PERSON", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[0,8)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("FP EMAIL", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_with_show_errors_and_a_type_lists_only_that_type()
    {
        var result = await EvalTinyCorpusAsync("--show-errors", "--type", "PERSON");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("errors: 0 false positives, 1 misses", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("FP EMAIL", result.StandardOutput, StringComparison.Ordinal);
    }
}
