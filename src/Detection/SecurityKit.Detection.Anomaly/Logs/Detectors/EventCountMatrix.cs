using SecurityKit.Detection.Anomaly.Logs.Scoring;

namespace SecurityKit.Detection.Anomaly.Logs.Detectors;

/// <summary>
/// Event-count vectors of windows (one column per template known at training time; events of unseen templates are
/// counted in one extra column), the input of the classic log anomaly detectors of loglizer (He et al., ISSRE 2016).
/// </summary>
public static class EventCountMatrix
{
    /// <summary>Builds the count matrix.</summary>
    /// <param name="windows">The windows.</param>
    /// <param name="templates">Number of templates known at training time (indices 0..templates-1; -1 or larger = unseen).</param>
    /// <returns>One row per window, <paramref name="templates"/> + 1 columns (the last counts unseen templates).</returns>
    public static double[][] Build(IReadOnlyList<EventWindow> windows, int templates)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var rows = new double[windows.Count][];
        for (var i = 0; i < windows.Count; i++)
        {
            var row = new double[templates + 1];
            foreach (var (template, count) in windows[i].TemplateCounts)
            {
                row[template >= 0 && template < templates ? template : templates] += count;
            }

            rows[i] = row;
        }

        return rows;
    }
}
