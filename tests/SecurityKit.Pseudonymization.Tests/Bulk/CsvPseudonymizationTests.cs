using SecurityKit.Pseudonymization.Bulk;
using SecurityKit.Pseudonymization.Identifiers;
using SecurityKit.Pseudonymization.Pseudonymizers;
using SecurityKit.Pseudonymization.Tests.Pseudonymizers;
using SecurityKit.Testing;

namespace SecurityKit.Pseudonymization.Tests.Bulk;

public sealed class CsvPseudonymizationTests : IDisposable
{
    private readonly NationalNumberPseudonymizer pseudonymizer = new(NationalNumbers.Key, "csv");
    private readonly TemporaryDirectory directory = new();

    public void Dispose()
    {
        pseudonymizer.Dispose();
        directory.Dispose();
    }

    private CsvPseudonymization Job(InvalidIdentifierPolicy policy = InvalidIdentifierPolicy.Fail, char delimiter = ',') =>
        new(new IdentifierTransform(pseudonymizer), ["nrn"], delimiter, hasHeader: true, policy);

    [Fact]
    public async Task Chosen_columns_are_pseudonymised_and_the_others_copied_with_rfc4180_quoting()
    {
        var input = directory.File("in.csv");
        var output = directory.File("out.csv");
        await File.WriteAllTextAsync(input, "name,nrn,note\n\"Dupont, A.\",85.07.30-033.28,\"said \"\"hi\"\"\"\nB,85073003328,x\n");

        var result = await Job().RunAsync(input, output);

        var pseudonym = pseudonymizer.Pseudonymize("85073003328");
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(2, result.Processed);
        Assert.Equal("name,nrn,note", lines[0]);
        Assert.Equal($"\"Dupont, A.\",{pseudonym},\"said \"\"hi\"\"\"", lines[1]);
        Assert.Equal($"B,{pseudonym},x", lines[2]);
    }

    [Fact]
    public async Task An_invalid_value_under_fail_names_row_and_column_and_leaves_no_output()
    {
        var input = directory.File("in.csv");
        var output = directory.File("out.csv");
        await File.WriteAllTextAsync(input, "name,nrn\nA,85073003328\nB,85073003329\n");

        var error = await Assert.ThrowsAsync<BulkInputException>(() => Job().RunAsync(input, output));

        Assert.Equal("row 3, column nrn", error.Location); // rows of the file, the header being row 1
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public async Task Mark_and_skip_never_pass_the_original_through()
    {
        var input = directory.File("in.csv");
        await File.WriteAllTextAsync(input, "name;nrn\nA;85073003328\nB;85073003329\n");

        await Job(InvalidIdentifierPolicy.Mark, ';').RunAsync(input, directory.File("marked.csv"));
        await Job(InvalidIdentifierPolicy.Skip, ';').RunAsync(input, directory.File("skipped.csv"));

        Assert.Equal("B;#INVALID(CheckDigits)", (await File.ReadAllLinesAsync(directory.File("marked.csv")))[2]);
        Assert.Equal(2, (await File.ReadAllLinesAsync(directory.File("skipped.csv"))).Length);
    }

    [Fact]
    public async Task A_truncated_csv_is_an_error_and_leaves_no_output()
    {
        var input = directory.File("in.csv");
        var output = directory.File("out.csv");
        await File.WriteAllTextAsync(input, "name,nrn\nA,85073003328\n\"B");

        await Assert.ThrowsAsync<BulkInputException>(() => Job().RunAsync(input, output));

        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task An_unclosed_quote_names_its_row_and_leaves_no_output()
    {
        var input = directory.File("in.csv");
        var output = directory.File("out.csv");
        await File.WriteAllTextAsync(input, "name,nrn\nA,85073003328\n\"B,85073003328\nC,85073003328\n");

        var error = await Assert.ThrowsAsync<BulkInputException>(() => Job().RunAsync(input, output));

        Assert.StartsWith("row 3", error.Location, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public async Task A_quoted_identifier_cell_is_unquoted_before_it_is_pseudonymised()
    {
        var input = directory.File("in.csv");
        await File.WriteAllTextAsync(input, "nrn,note\n\"85.07.30-033.28\",\"a,b\"\n");

        await Job().RunAsync(input, directory.File("out.csv"));

        Assert.Equal($"{pseudonymizer.Pseudonymize("85073003328")},\"a,b\"", (await File.ReadAllLinesAsync(directory.File("out.csv")))[1]);
    }

    [Fact]
    public async Task Rows_of_many_batches_come_out_in_input_order()
    {
        var numbers = NationalNumbers.Generate(50_000, seed: 5).ToArray();
        var input = directory.File("in.csv");
        await File.WriteAllLinesAsync(input, new[] { "i,nrn" }.Concat(numbers.Select((n, i) => $"{i},{n}")));

        var result = await Job().RunAsync(input, directory.File("out.csv"));

        var lines = await File.ReadAllLinesAsync(directory.File("out.csv"));
        Assert.Equal(numbers.Length, result.Processed);
        Assert.Equal(numbers.Length + 1, lines.Length);
        for (var i = 0; i < numbers.Length; i++)
        {
            Assert.Equal($"{i},{pseudonymizer.Pseudonymize(numbers[i])}", lines[i + 1]);
        }
    }

    [Fact]
    public async Task The_first_invalid_value_of_the_file_is_reported_even_when_a_later_batch_fails_first()
    {
        var numbers = NationalNumbers.Generate(40_000, seed: 6).ToArray();
        numbers[30_000] = "85073003329";
        numbers[2] = "85073003329";
        var input = directory.File("in.csv");
        await File.WriteAllLinesAsync(input, new[] { "nrn" }.Concat(numbers));

        var error = await Assert.ThrowsAsync<BulkInputException>(() => Job().RunAsync(input, directory.File("out.csv")));

        Assert.Equal("row 4, column nrn", error.Location);
    }

    [Fact]
    public async Task A_missing_column_is_an_error()
    {
        var input = directory.File("in.csv");
        await File.WriteAllTextAsync(input, "name,other\nA,85073003328\n");

        var error = await Assert.ThrowsAsync<BulkInputException>(() => Job().RunAsync(input, directory.File("out.csv")));

        Assert.Equal("header", error.Location);
    }

    [Fact]
    public async Task Progress_is_reported()
    {
        var input = directory.File("in.csv");
        await File.WriteAllLinesAsync(input, new[] { "nrn" }.Concat(Enumerable.Repeat("85073003328", 40_000)));
        var reports = new List<long>();

        await Job().RunAsync(input, directory.File("out.csv"), new SynchronousProgress(reports.Add));

        Assert.Equal(40_000, reports[^1]);
        Assert.True(reports.Count >= 2);
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}

public sealed class CsvWithoutHeaderTests
{
    [Fact]
    public async Task Without_a_header_columns_are_chosen_by_index()
    {
        using var directory = new TemporaryDirectory();
        using var pseudonymizer = new NationalNumberPseudonymizer(NationalNumbers.Key, "csv");
        await File.WriteAllTextAsync(directory.File("in.csv"), "A\t85073003328\nB\t85.07.30-033.28\n");
        var job = new CsvPseudonymization(new IdentifierTransform(pseudonymizer), ["1"], '\t', hasHeader: false);

        await job.RunAsync(directory.File("in.csv"), directory.File("out.csv"));

        var pseudonym = pseudonymizer.Pseudonymize("85073003328");
        Assert.Equal([$"A\t{pseudonym}", $"B\t{pseudonym}"], await File.ReadAllLinesAsync(directory.File("out.csv")));
    }
}
