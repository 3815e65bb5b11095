using System.Text;
using SecurityKit.Pseudonymization.Bulk;
using SecurityKit.Pseudonymization.Identifiers;
using SecurityKit.Pseudonymization.Pseudonymizers;
using SecurityKit.Pseudonymization.Tests.Pseudonymizers;

namespace SecurityKit.Pseudonymization.Tests.Bulk;

public sealed class LinePseudonymizationTests : IDisposable
{
    private readonly NationalNumberPseudonymizer pseudonymizer = new(NationalNumbers.Key, "bulk");

    public void Dispose() => pseudonymizer.Dispose();

    private async Task<(string Output, BulkResult Result)> Run(string input, InvalidIdentifierPolicy policy, IdentifierTransform? transform = null)
    {
        using var output = new MemoryStream();
        var result = await LinePseudonymization.RunAsync(transform ?? new IdentifierTransform(pseudonymizer), new MemoryStream(Encoding.UTF8.GetBytes(input)), output, policy);
        return (Encoding.UTF8.GetString(output.ToArray()), result);
    }

    [Fact]
    public async Task Many_lines_come_out_in_input_order()
    {
        var numbers = Enumerable.Range(0, 300_000).Select(i => NationalNumbers.From((uint)i * 2654435761u, (uint)i)).Select(n => n.ToString()).ToArray();

        var (output, result) = await Run(string.Join("\r\n", numbers), InvalidIdentifierPolicy.Fail);

        Assert.Equal(numbers.Length, result.Processed);
        Assert.Equal(numbers.Select(pseudonymizer.Pseudonymize), output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_invalid_line_under_fail_names_its_line_number_and_rule()
    {
        var error = await Assert.ThrowsAsync<BulkInputException>(() => Run("85073003328\n85073003328\n85073003329\n", InvalidIdentifierPolicy.Fail));

        Assert.Equal("line 3", error.Location);
        Assert.Equal(IdentifierRule.CheckDigits, error.Error.Rule);
        Assert.DoesNotContain("85073003329", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_writes_an_empty_line_so_output_lines_stay_aligned_with_input_lines()
    {
        var (output, result) = await Run("85073003328\nnonsense\n85073003328\n", InvalidIdentifierPolicy.Skip);

        var lines = output.Split('\n');
        Assert.Equal(4, lines.Length); // three lines and the final line end
        Assert.Matches("^[0-9]{11}$", lines[0]);
        Assert.Equal(string.Empty, lines[1]);
        Assert.Equal(lines[0], lines[2]);
        Assert.Equal(1, result.Invalid);
    }

    [Fact]
    public async Task Mark_writes_a_marker_and_never_the_original()
    {
        var (output, _) = await Run("85073003328\n85073003329\n", InvalidIdentifierPolicy.Mark);

        Assert.Equal("#INVALID(CheckDigits)", output.Split('\n')[1]);
        Assert.DoesNotContain("85073003329", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rekeying_turns_old_pseudonyms_into_new_ones_without_cleartext()
    {
        var newKey = (byte[])NationalNumbers.Key.Clone();
        newKey[5] ^= 0x55;
        using var next = new NationalNumberPseudonymizer(newKey, "bulk");
        var old = pseudonymizer.Pseudonymize("85073003328");

        var (output, _) = await Run(old + "\n", InvalidIdentifierPolicy.Fail, new IdentifierTransform(pseudonymizer, next));

        Assert.Equal(next.Pseudonymize("85073003328") + "\n", output);
    }

    [Fact]
    public async Task A_last_line_without_line_end_is_processed()
    {
        var (output, _) = await Run("85073003328", InvalidIdentifierPolicy.Fail);

        Assert.Equal(pseudonymizer.Pseudonymize("85073003328") + "\n", output);
    }
}
