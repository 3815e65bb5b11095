using System.Globalization;
using System.Text;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Writes <c>ranking.csv</c> as CONTRACTS.md defines it: <c>employer_id,risk,rank,reasons</c>, one row per employer,
/// sorted by rank, risk in [0, 1], reasons <c>;</c>-separated, most important first. The file is written to a
/// temporary name and moved into place when complete.
/// </summary>
public static class RankingFile
{
    /// <summary>Writes the ranking.</summary>
    /// <param name="path">The CSV file to write.</param>
    /// <param name="scores">Scores sorted by rank.</param>
    public static void Write(string path, IReadOnlyList<EmployerRiskScore> scores)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(scores);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new SecurityKitException("output folder does not exist", directory);
        }

        var temporary = full + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false), 1 << 16))
        {
            writer.Write("employer_id,risk,rank,reasons\n");
            foreach (var score in scores)
            {
                writer.Write(score.EmployerId);
                writer.Write(',');
                writer.Write(score.Risk.ToString("0.000000", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(score.Rank.ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(Quote(string.Join("; ", score.Reasons.Select(r => r.Replace(';', ',')))));
                writer.Write('\n');
            }
        }

        File.Move(temporary, full, overwrite: true);
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
