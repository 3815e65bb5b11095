using System.Globalization;

namespace SecurityKit.Crypto.Inventory;

/// <summary>A readable table of the inventory: algorithm, key size, where found, quantum-vulnerable, replacement.</summary>
public static class InventorySummary
{
    /// <summary>Writes the summary.</summary>
    /// <param name="report">The inventory.</param>
    /// <param name="output">Where to write.</param>
    public static void Write(InventoryReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var algorithms = report.Assets.Where(a => a.Type == CryptoAssetType.Algorithm).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Cryptographic inventory: {report.FilesScanned} files scanned, {report.Assets.Count} assets ({algorithms.Count} algorithms, {report.Assets.Count(a => a.Type == CryptoAssetType.Certificate)} certificates), {algorithms.Count(a => a.IsQuantumVulnerable == true)} quantum-vulnerable algorithms."));
        output.WriteLine();
        output.WriteLine("| algorithm | key size | quantum-vulnerable | found in | suggested replacement |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var asset in algorithms.OrderByDescending(a => a.IsQuantumVulnerable == true).ThenBy(a => a.Name, StringComparer.Ordinal))
        {
            var places = asset.Occurrences.Select(o => o.Location).Distinct(StringComparer.Ordinal).ToList();
            var where = places.Count <= 2 ? string.Join(", ", places) : $"{places[0]}, {places[1]} (+{places.Count - 2} more)";
            var vulnerable = asset.IsQuantumVulnerable == true ? "yes" : "no";
            if (asset.IsClassicallyWeak)
            {
                vulnerable += " (already weak today)";
            }

            output.WriteLine($"| {asset.Name} | {asset.KeySize?.ToString(CultureInfo.InvariantCulture) ?? asset.ParameterSetIdentifier ?? "-"} | {vulnerable} | {where} | {asset.SuggestedReplacement ?? "-"} |");
        }

        foreach (var (path, reason) in report.Skipped)
        {
            output.WriteLine($"skipped: {path}: {reason}");
        }
    }
}
