using SecurityKit.Detection.Anomaly.Employers;

namespace SecurityKit.Detection.Anomaly.Tests.Employers;

public sealed class EmployerRiskDataLoaderTests
{
    private static SecurityKitException LoadError(DataFolder folder) =>
        Assert.Throws<SecurityKitException>(() => EmployerRiskDataLoader.Load(folder.Path));

    [Fact]
    public void A_valid_folder_loads_every_row()
    {
        using var folder = new DataFolder();

        var data = EmployerRiskDataLoader.Load(folder.Path);

        Assert.Equal(2, data.Employers.Count);
        Assert.Equal(3, data.Declarations.Count);
        Assert.Equal(3, data.PersonLinks.Count);
        Assert.Equal(2, data.PersonCount);
        Assert.Single(data.Inspections);
        Assert.Equal(new Quarter(2023, 2), data.Declarations[1].Quarter);
        Assert.Equal(36000.50, data.Declarations[0].GrossWagesEur);
    }

    [Theory]
    [InlineData("employers.csv")]
    [InlineData("declarations.csv")]
    [InlineData("person_links.csv")]
    [InlineData("inspections.csv")]
    public void A_missing_file_is_named(string file)
    {
        using var folder = new DataFolder();
        File.Delete(System.IO.Path.Combine(folder.Path, file));

        var error = LoadError(folder);

        Assert.Equal(file, error.Location);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_is_named_with_its_file()
    {
        using var folder = new DataFolder();
        folder.Replace("declarations.csv", "contributions_paid_eur,", "contributions_settled_eur,");

        var error = LoadError(folder);

        Assert.Equal("declarations.csv, line 1, column contributions_paid_eur", error.Location);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_located_by_file_line_and_column()
    {
        using var folder = new DataFolder();
        folder.Replace("declarations.csv", "46000,17480", "46k,17480");

        var error = LoadError(folder);

        Assert.Equal("declarations.csv, line 3, column gross_wages_eur", error.Location);
        Assert.Contains("not a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decimal_comma_is_refused()
    {
        using var folder = new DataFolder();
        folder.Replace("declarations.csv", ",3.5,", ",\"3,5\",");

        var error = LoadError(folder);

        Assert.Equal("declarations.csv, line 2, column fte", error.Location);
    }

    [Fact]
    public void A_negative_amount_is_refused()
    {
        using var folder = new DataFolder();
        folder.Replace("declarations.csv", "7000,2660,0", "7000,-2660,0");

        var error = LoadError(folder);

        Assert.Equal("declarations.csv, line 4, column contributions_due_eur", error.Location);
    }

    [Fact]
    public void A_duplicated_employer_id_names_both_lines()
    {
        using var folder = new DataFolder();
        folder.Replace("employers.csv", "0200000196,56101", "0200000097,56101");

        var error = LoadError(folder);

        Assert.Equal("employers.csv, line 3, column employer_id", error.Location);
        Assert.Contains("first on line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_declaration_quarter_is_refused()
    {
        using var folder = new DataFolder();
        folder.Replace("declarations.csv", "0200000097,2023Q2", "0200000097,2023Q1");

        var error = LoadError(folder);

        Assert.Equal("declarations.csv, line 3, column quarter", error.Location);
        Assert.Contains("duplicated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023Q5")]
    [InlineData("2023Q0")]
    [InlineData("1850Q1")]
    [InlineData("2023-Q1")]
    [InlineData("Q1 2023")]
    public void A_quarter_out_of_range_is_refused(string quarter)
    {
        using var folder = new DataFolder();
        folder.Replace("declarations.csv", "0200000097,2023Q2", "0200000097," + quarter);

        var error = LoadError(folder);

        Assert.Equal("declarations.csv, line 3, column quarter", error.Location);
    }

    [Fact]
    public void A_declaration_of_an_unknown_employer_is_refused_without_echoing_the_id()
    {
        using var folder = new DataFolder();
        folder.Replace("declarations.csv", "0200000196,2023Q1", "0987654321,2023Q1");

        var error = LoadError(folder);

        Assert.Equal("declarations.csv, line 4, column employer_id", error.Location);
        Assert.DoesNotContain("0987654321", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_employer_id_that_is_not_ten_digits_is_refused()
    {
        using var folder = new DataFolder();
        folder.Replace("employers.csv", "0200000097,41201", "BE0200000097,41201");

        var error = LoadError(folder);

        Assert.Equal("employers.csv, line 2, column employer_id", error.Location);
    }

    [Fact]
    public void A_date_that_is_not_iso_is_refused()
    {
        using var folder = new DataFolder();
        folder.Replace("inspections.csv", "2023-04-02", "02/04/2023");

        var error = LoadError(folder);

        Assert.Equal("inspections.csv, line 2, column inspected_on", error.Location);
    }

    [Fact]
    public void An_unknown_outcome_is_refused()
    {
        using var folder = new DataFolder();
        folder.Replace("inspections.csv", ",fraud,", ",maybe,");

        var error = LoadError(folder);

        Assert.Equal("inspections.csv, line 2, column outcome", error.Location);
    }

    [Fact]
    public void An_unknown_role_is_refused()
    {
        using var folder = new DataFolder();
        folder.Replace("person_links.csv", "90010112345,worker", "90010112345,manager");

        var error = LoadError(folder);

        Assert.Equal("person_links.csv, line 4, column role", error.Location);
    }

    [Fact]
    public void A_row_with_too_few_columns_is_located()
    {
        using var folder = new DataFolder();
        folder.Replace("declarations.csv", "0200000196,2023Q1,2,1,7000,2660,0,0,0,0", "0200000196,2023Q1,2");

        var error = LoadError(folder);

        Assert.Equal("declarations.csv, line 4", error.Location);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        using var folder = new DataFolder();
        File.WriteAllText(System.IO.Path.Combine(folder.Path, "inspections.csv"), string.Empty);

        var error = LoadError(folder);

        Assert.Equal("inspections.csv, line 1", error.Location);
    }

    [Fact]
    public void Optional_fields_may_be_empty()
    {
        using var folder = new DataFolder();
        folder.Replace("declarations.csv", "0200000097,2023Q1,4,3.5,36000.50,13680,13680,1,0,0", "0200000097,2023Q1,4,,36000.50,13680,13680,,,");
        folder.Replace("employers.csv", "0200000097,41201,SRL,2015-03-01,,,1000,A1", "0200000097,,SRL,,,,,");
        folder.Replace("inspections.csv", "fraud,phoenix", "fraud,");

        var data = EmployerRiskDataLoader.Load(folder.Path);
        var features = EmployerFeatureBuilder.Build(data);

        Assert.True(double.IsNaN(data.Declarations[0].Fte));
        Assert.Null(data.Employers[0].CreatedOn);
        Assert.Equal(2, features.Employers);
    }

    [Fact]
    public void Links_to_employers_outside_the_register_are_skipped_with_a_warning()
    {
        using var folder = new DataFolder();
        folder.Replace("person_links.csv", "0200000097,90010112345", "0300000067,90010112345");

        var data = EmployerRiskDataLoader.Load(folder.Path);

        Assert.Equal(2, data.PersonLinks.Count);
        Assert.Contains("person_links.csv, line 4", Assert.Single(data.Warnings), StringComparison.Ordinal);
    }
}
