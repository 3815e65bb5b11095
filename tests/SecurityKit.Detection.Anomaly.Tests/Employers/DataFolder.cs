using SecurityKit.Testing;

namespace SecurityKit.Detection.Anomaly.Tests.Employers;

/// <summary>A small hand-written data folder whose files a test can break one at a time.</summary>
internal sealed class DataFolder : IDisposable
{
    private readonly TemporaryDirectory _directory = new("sk-risk-csv");

    public DataFolder()
    {
        Write("employers.csv", """
            employer_id,nace_code,legal_form,created_on,closed_on,closure_reason,postcode,address_id
            0200000097,41201,SRL,2015-03-01,,,1000,A1
            0200000196,56101,PP,2019-06-15,2023-05-31,bankruptcy,9000,A2
            """);
        Write("declarations.csv", """
            employer_id,quarter,workers,fte,gross_wages_eur,contributions_due_eur,contributions_paid_eur,hires,exits,student_days
            0200000097,2023Q1,4,3.5,36000.50,13680,13680,1,0,0
            0200000097,2023Q2,5,4.5,46000,17480,17000,1,0,2
            0200000196,2023Q1,2,1,7000,2660,0,0,0,0
            """);
        Write("person_links.csv", """
            employer_id,person_id,role,start_on,end_on
            0200000097,85073003328,director,2015-03-01,
            0200000196,85073003328,director,2019-06-15,2023-05-31
            0200000097,90010112345,worker,2020-01-01,
            """);
        Write("inspections.csv", """
            employer_id,inspected_on,outcome,typology
            0200000196,2023-04-02,fraud,phoenix
            """);
    }

    public string Path => _directory.Path;

    public void Write(string file, string content) => File.WriteAllText(_directory.File(file), content.ReplaceLineEndings("\n") + "\n");

    public void Replace(string file, string oldText, string newText)
    {
        var path = _directory.File(file);
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();
}
