namespace SecurityKit.Detection.Anomaly.Logs.Evaluation;

/// <summary>
/// The samples of a data folder besides the eight shared development systems: every <c>&lt;Name&gt;_2k.log_structured.csv</c>,
/// with the header format of its raw <c>&lt;Name&gt;_2k.log</c> when the folder's <c>formats.txt</c> gives one
/// (one line per system: <c>&lt;Name&gt;</c>, a tab, the Loghub-style format). This lets the miner be measured on
/// systems it was never developed on, with nothing about them written in the code.
/// </summary>
public static class LoghubFolder
{
    /// <summary>Name of the optional file that gives the header formats of the raw logs.</summary>
    public const string FormatsFile = "formats.txt";

    /// <summary>Lists the other systems of a folder, ordered by name (ordinal).</summary>
    /// <param name="directory">The data folder.</param>
    /// <param name="warnings">Lines of <c>formats.txt</c> that were not understood (line number and why).</param>
    /// <returns>The systems not among <see cref="LoghubSystem.Development"/>.</returns>
    public static IReadOnlyList<LoghubSystem> OtherSystems(string directory, out IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var formats = ReadFormats(Path.Combine(directory, FormatsFile), out warnings);
        var shared = LoghubSystem.Development.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFiles(directory, "*" + LoghubSystem.StructuredSuffix)
            .Select(path => Path.GetFileName(path)[..^LoghubSystem.StructuredSuffix.Length])
            .Where(name => name.Length > 0 && !shared.Contains(name))
            .Order(StringComparer.Ordinal)
            .Select(name => new LoghubSystem(name, formats.GetValueOrDefault(name)))
            .ToList();
    }

    private static Dictionary<string, string> ReadFormats(string path, out IReadOnlyList<string> warnings)
    {
        var formats = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        warnings = problems;
        if (!File.Exists(path))
        {
            return formats;
        }

        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                problems.Add($"{FormatsFile} line {number}: expected '<Name><TAB><format>'");
                continue;
            }

            if (!formats.TryAdd(line[..tab], line[(tab + 1)..]))
            {
                problems.Add($"{FormatsFile} line {number}: a second format for one system (the first is kept)");
            }
        }

        return formats;
    }
}
