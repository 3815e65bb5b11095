using SecurityKit.Detection.Anomaly.Employers;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Anomaly.Tests.Employers;

public sealed class EmployerRiskDataGeneratorTests : IClassFixture<GeneratedDataFixture>
{
    private static readonly string[] Files = ["employers.csv", "declarations.csv", "person_links.csv", "inspections.csv", "ground_truth.csv"];
    private readonly GeneratedDataFixture _fixture;

    public EmployerRiskDataGeneratorTests(GeneratedDataFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void The_same_seed_gives_identical_files()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();
        var options = new EmployerRiskGeneratorOptions { Employers = 300, Seed = 5 };

        EmployerRiskDataGenerator.Generate(options, first.Path);
        EmployerRiskDataGenerator.Generate(options, second.Path);

        foreach (var file in Files)
        {
            Assert.Equal(File.ReadAllBytes(first.File(file)), File.ReadAllBytes(second.File(file)));
        }
    }

    [Fact]
    public void Another_seed_gives_other_files()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        EmployerRiskDataGenerator.Generate(new EmployerRiskGeneratorOptions { Employers = 300, Seed = 5 }, first.Path);
        EmployerRiskDataGenerator.Generate(new EmployerRiskGeneratorOptions { Employers = 300, Seed = 6 }, second.Path);

        Assert.NotEqual(File.ReadAllBytes(first.File("declarations.csv")), File.ReadAllBytes(second.File("declarations.csv")));
    }

    [Fact]
    public void Generated_files_pass_the_loader_validation()
    {
        Assert.Equal(GeneratedDataFixture.Employers, _fixture.Data.Employers.Count);
        Assert.Equal(_fixture.Summary.Declarations, _fixture.Data.Declarations.Count);
        Assert.Empty(_fixture.Data.Warnings);
    }

    [Theory]
    [InlineData("phoenix")]
    [InlineData("fictitious_employment")]
    [InlineData("under_declared_wages")]
    [InlineData("letterbox_cluster")]
    [InlineData("sham_student_work")]
    public void Every_typology_is_planted(string typology)
    {
        Assert.Contains(_fixture.Truth().Values, t => t.Fraud && t.Typology == typology);
    }

    [Theory]
    [InlineData("seasonal")]
    [InlineData("young_growing")]
    [InlineData("late_payer")]
    [InlineData("honest_bankruptcy")]
    [InlineData("domiciliation_address")]
    [InlineData("group_shared_directors")]
    public void Honest_lookalikes_are_present(string lookalike)
    {
        Assert.Contains(_fixture.Truth().Values, t => !t.Fraud && t.Lookalike == lookalike);
    }

    [Fact]
    public void Phoenix_successors_take_over_directors_and_workers_of_a_bankrupt_employer()
    {
        var truth = _fixture.Truth();
        var successors = Enumerable.Range(0, _fixture.Data.Employers.Count)
            .Where(e => truth[_fixture.Data.Employers[e].EmployerId].Typology == "phoenix" && _fixture.Data.Employers[e].ClosedOn is null)
            .ToList();

        Assert.NotEmpty(successors);
        Assert.Contains(successors, e => _fixture.Features[e, EmployerFeatureCatalog.LinkedBankruptcies] > 0
            && _fixture.Features[e, EmployerFeatureCatalog.WorkersFromBankruptEmployers] > 0.3);
    }

    [Fact]
    public void Inspections_are_targeted_rather_than_random()
    {
        var truth = _fixture.Truth();
        var inspected = _fixture.Data.Inspections.Select(i => _fixture.Data.Employers[i.Employer].EmployerId).Distinct().ToList();
        var prevalence = truth.Values.Count(t => t.Fraud) / (double)truth.Count;
        var fraudAmongInspected = inspected.Count(id => truth[id].Fraud) / (double)inspected.Count;

        Assert.True(fraudAmongInspected > 2.5 * prevalence, $"fraud among inspected {fraudAmongInspected:0.000}, prevalence {prevalence:0.000}");
    }

    [Fact]
    public void Enterprise_numbers_carry_valid_modulo_97_check_digits()
    {
        Assert.All(_fixture.Data.Employers, e =>
        {
            var number = long.Parse(e.EmployerId[..8], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(97 - (number % 97), long.Parse(e.EmployerId[8..], System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public void Person_ids_have_the_shape_of_national_register_numbers()
    {
        var ids = File.ReadLines(System.IO.Path.Combine(_fixture.Folder, "person_links.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().Take(2000);

        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9]{11}$", id);
            var first9 = long.Parse(id[..9], System.Globalization.CultureInfo.InvariantCulture);
            var check = long.Parse(id[9..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(check == 97 - (first9 % 97) || check == 97 - ((2_000_000_000L + first9) % 97));
        });
    }

    [Fact]
    public void Too_few_employers_are_refused()
    {
        using var folder = new TemporaryDirectory();

        var error = Assert.Throws<SecurityKitException>(() => EmployerRiskDataGenerator.Generate(new EmployerRiskGeneratorOptions { Employers = 3 }, folder.Path));

        Assert.Equal("--employers", error.Location);
    }
}
