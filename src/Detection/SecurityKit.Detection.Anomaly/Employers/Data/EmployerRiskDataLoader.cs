using System.Globalization;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Loads and validates an employer-risk data folder (CONTRACTS.md, "Employer risk data"): <c>employers.csv</c>,
/// <c>declarations.csv</c>, <c>person_links.csv</c> and <c>inspections.csv</c>, UTF-8, comma-separated, header row,
/// ISO dates, '.' decimal point. Every problem is a <see cref="SecurityKitException"/> whose location names the file,
/// the line and the column; identifiers are never echoed.
/// </summary>
public static class EmployerRiskDataLoader
{
    /// <summary>File name of the employer register.</summary>
    public const string EmployersFile = "employers.csv";

    /// <summary>File name of the quarterly declarations.</summary>
    public const string DeclarationsFile = "declarations.csv";

    /// <summary>File name of the person links.</summary>
    public const string PersonLinksFile = "person_links.csv";

    /// <summary>File name of the past inspections.</summary>
    public const string InspectionsFile = "inspections.csv";

    private static readonly string[] EmployerColumns = ["employer_id", "nace_code", "legal_form", "created_on", "closed_on", "closure_reason", "postcode", "address_id"];
    private static readonly string[] DeclarationColumns = ["employer_id", "quarter", "workers", "fte", "gross_wages_eur", "contributions_due_eur", "contributions_paid_eur", "hires", "exits", "student_days"];
    private static readonly string[] LinkColumns = ["employer_id", "person_id", "role", "start_on", "end_on"];
    private static readonly string[] InspectionColumns = ["employer_id", "inspected_on", "outcome", "typology"];

    /// <summary>Loads the four files of <paramref name="directory"/>.</summary>
    /// <param name="directory">The data folder.</param>
    /// <returns>The validated data.</returns>
    /// <exception cref="SecurityKitException">A file, column or value is missing or invalid.</exception>
    public static EmployerRiskData Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new SecurityKitException("data folder does not exist", directory);
        }

        // Check that all four files exist before reading any, so that a missing file is reported at once.
        foreach (var file in new[] { EmployersFile, DeclarationsFile, PersonLinksFile, InspectionsFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new SecurityKitException("required file is missing", file);
            }
        }

        var warnings = new List<string>();
        var (employers, index) = LoadEmployers(directory);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();

        // The three files that refer to employers are independent: read them in parallel (the two big ones dominate).
        var declarations = Task.Run(() => LoadDeclarations(directory, lookup));
        var links = Task.Run(() => LoadLinks(directory, lookup, warnings));
        var inspections = Task.Run(() => LoadInspections(directory, lookup));
        try
        {
            Task.WaitAll(declarations, links, inspections);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.OfType<SecurityKitException>().FirstOrDefault() is { } first)
        {
            // Report the first file in contract order that has a problem, the same one a sequential read would.
            var ordered = new Task[] { declarations, links, inspections }.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).First();
            throw ordered is SecurityKitException sk ? sk : first;
        }

        return new EmployerRiskData(employers, declarations.Result, links.Result.Links, links.Result.Persons, inspections.Result, warnings);
    }

    private static (List<Employer>, Dictionary<string, int>) LoadEmployers(string directory)
    {
        var employers = new List<Employer>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        using var table = CsvTable.Open(directory, EmployersFile, EmployerColumns);
        table.ForEachRow(row =>
        {
            var id = row.Digits(0, 10);
            if (!index.TryAdd(id, employers.Count))
            {
                throw row.Error(0, $"duplicated employer_id (first on line {firstLine[id]})");
            }

            firstLine[id] = row.Line;
            var nace = row.Digits(1, 5, required: false);
            var legalForm = row.Text(2).ToString().ToUpperInvariant();
            var created = row.Date(3, required: false);
            var closed = row.Date(4, required: false);
            if (created is { } c && closed is { } d && d < c)
            {
                throw row.Error(4, "closed_on is before created_on");
            }

            var reason = row.Text(5).ToString().ToLowerInvariant();
            if (reason.Length > 0 && reason is not ("bankruptcy" or "liquidation" or "merger"))
            {
                throw row.Error(5, "closure_reason must be empty, bankruptcy, liquidation or merger");
            }

            var postcode = row.Digits(6, 4, required: false);
            employers.Add(new Employer(id, nace, legalForm, created, closed, reason, postcode, row.Text(7).ToString()));
        });

        return (employers, index);
    }

    private static List<Declaration> LoadDeclarations(string directory, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> employers)
    {
        using var table = CsvTable.Open(directory, DeclarationsFile, DeclarationColumns);
        var expected = ExpectedRows(table, 48);
        var declarations = new List<Declaration>(expected);
        var seen = new HashSet<long>(expected);
        table.ForEachRow(row =>
        {
            var employer = EmployerOf(row, employers);
            if (!Quarter.TryParse(row.Text(1), out var quarter))
            {
                throw row.Error(1, $"quarter must be YYYYQ1..YYYYQ4 with a year from {Quarter.MinYear} to {Quarter.MaxYear}");
            }

            if (!seen.Add(((long)employer << 20) | (uint)quarter.Ordinal))
            {
                throw row.Error(1, "duplicated declaration: this employer already declared this quarter");
            }

            var workers = row.Number(2, 0);
            var fte = row.Number(3, double.NaN);
            var wages = row.Number(4, double.NaN);
            var due = row.Number(5, double.NaN);
            var paid = row.Number(6, double.NaN);
            declarations.Add(new Declaration(employer, quarter, workers, fte, wages, due, paid, row.Number(7, 0), row.Number(8, 0), row.Number(9, 0)));
        });

        return declarations;
    }

    private static (List<PersonLink> Links, int Persons) LoadLinks(string directory, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> employers, List<string> warnings)
    {
        using var table = CsvTable.Open(directory, PersonLinksFile, LinkColumns);
        var expected = ExpectedRows(table, 40);
        var links = new List<PersonLink>(expected);
        var persons = new PersonIndex(expected);
        var unknownEmployers = 0;
        var firstUnknownLine = 0;
        table.ForEachRow(row =>
        {
            var employerText = row.Text(0);
            if (employerText.IsEmpty)
            {
                throw row.Error(0, "value is required");
            }

            var personText = row.Text(1);
            if (personText.IsEmpty)
            {
                throw row.Error(1, "value is required");
            }

            var role = row.Text(2);
            bool director;
            if (role.Equals("director", StringComparison.OrdinalIgnoreCase))
            {
                director = true;
            }
            else if (role.Equals("worker", StringComparison.OrdinalIgnoreCase))
            {
                director = false;
            }
            else
            {
                throw row.Error(2, "role must be director or worker");
            }

            var start = row.Date(3, required: true)!.Value;
            var end = row.Date(4, required: false);
            if (end is { } e && e < start)
            {
                throw row.Error(4, "end_on is before start_on");
            }

            if (!employers.TryGetValue(employerText, out var employer))
            {
                // A person may be linked to an undertaking outside this register (a foreign company, a closed
                // one that was purged): the link is kept out of the graph, and counted.
                unknownEmployers++;
                firstUnknownLine = firstUnknownLine == 0 ? row.Line : firstUnknownLine;
                return;
            }

            links.Add(new PersonLink(employer, persons.IndexOf(personText), director, start, end));
        });

        if (unknownEmployers > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{unknownEmployers} person links refer to employers not in {EmployersFile} and were skipped (first on {PersonLinksFile}, line {firstUnknownLine})"));
        }

        return (links, persons.Count);
    }

    private static List<Inspection> LoadInspections(string directory, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> employers)
    {
        var inspections = new List<Inspection>();
        var seen = new Dictionary<(int, DateOnly), bool>();
        using var table = CsvTable.Open(directory, InspectionsFile, InspectionColumns);
        table.ForEachRow(row =>
        {
            var employer = EmployerOf(row, employers);
            var date = row.Date(1, required: true)!.Value;
            var outcome = row.Text(2);
            bool fraud;
            if (outcome.Equals("fraud", StringComparison.OrdinalIgnoreCase))
            {
                fraud = true;
            }
            else if (outcome.Equals("no_fraud", StringComparison.OrdinalIgnoreCase))
            {
                fraud = false;
            }
            else
            {
                throw row.Error(2, "outcome must be fraud or no_fraud");
            }

            if (seen.TryGetValue((employer, date), out var earlier) && earlier != fraud)
            {
                throw row.Error(2, "contradictory outcome: the same employer and date were already recorded with another outcome");
            }

            seen[(employer, date)] = fraud;
            inspections.Add(new Inspection(employer, date, fraud, row.Text(3).ToString()));
        });

        return inspections;
    }

    /// <summary>A capacity for a file's rows from its size, so that lists of millions of rows are not regrown.</summary>
    private static int ExpectedRows(CsvTable table, int typicalRowBytes) =>
        (int)Math.Clamp(table.Length / typicalRowBytes, 16, 50_000_000);

    private static int EmployerOf(CsvTable.CsvRow row, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> employers)
    {
        var text = row.Text(0);
        if (text.IsEmpty)
        {
            throw row.Error(0, "value is required");
        }

        return employers.TryGetValue(text, out var index)
            ? index
            : throw row.Error(0, $"employer_id is not in {EmployersFile}");
    }
}
