using System.IO.Hashing;
using System.Text;

namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>
/// Turns a window into a numeric vector, with statistics learned from the baseline windows:
/// <list type="bullet">
/// <item>per template, its TF-IDF-weighted share of the window (IDF over baseline windows);</item>
/// <item>share of events of a message type never seen in the baseline; log of the event count; distinct templates per event;</item>
/// <item>rarity of templates (mean and max surprisal, −log₂ p, with p from baseline counts, add-one smoothed);</item>
/// <item>share of values never seen in the baseline (values are kept only as 64-bit XxHash3 digests, bounded);</item>
/// <item>time of day (surprisal of the window's hour in the baseline, and its sine and cosine).</item>
/// </list>
/// Every feature is then standardised with the baseline mean and standard deviation.
/// </summary>
public sealed class FeatureSpace
{
    /// <summary>Most value digests remembered from the baseline.</summary>
    public const int MaxKnownValues = 1 << 20;

    /// <summary>Names of the features after the per-template ones.</summary>
    public static readonly string[] SummaryNames =
        ["new message types", "event count", "template variety", "mean template rarity", "max template rarity", "unseen values", "hour rarity", "hour (sin)", "hour (cos)"];

    internal FeatureSpace(FeatureState state)
    {
        State = state;
        knownValues = [.. state.KnownValues];
    }

    private readonly HashSet<ulong> knownValues;

    internal FeatureState State { get; }

    /// <summary>The model's template texts, by index.</summary>
    public IReadOnlyList<string> Templates => State.Templates;

    /// <summary>Number of features.</summary>
    public int Dimension => State.Templates.Count + SummaryNames.Length;

    /// <summary>Learns the statistics from baseline windows.</summary>
    /// <param name="templates">Template texts, by index.</param>
    /// <param name="windows">Baseline windows.</param>
    /// <returns>The feature space.</returns>
    public static FeatureSpace Fit(IReadOnlyList<string> templates, IReadOnlyList<EventWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(windows);
        var t = templates.Count;
        var state = new FeatureState { Templates = [.. templates], Counts = new long[t], DocumentFrequency = new long[t], HourCounts = new long[24], Windows = windows.Count };
        var valueWindows = new Dictionary<ulong, int>();
        foreach (var w in windows)
        {
            foreach (var (template, count) in w.TemplateCounts)
            {
                if (template >= 0 && template < t)
                {
                    state.Counts[template] += count;
                    state.DocumentFrequency[template]++;
                }
            }

            state.HourCounts[w.Start.UtcDateTime.Hour]++;
            foreach (var v in w.Values)
            {
                var digest = Digest(v);
                if (valueWindows.TryGetValue(digest, out var n))
                {
                    valueWindows[digest] = n + 1;
                }
                else if (valueWindows.Count < MaxKnownValues)
                {
                    valueWindows.Add(digest, 1);
                }
            }
        }

        state.KnownValues = [.. valueWindows.Keys];
        state.TotalEvents = state.Counts.Sum();
        var space = new FeatureSpace(state) { leaveOneOut = valueWindows };
        var raw = windows.Select(space.RawVector).ToList();
        var d = space.Dimension;
        state.Mean = new double[d];
        state.Std = new double[d];
        for (var j = 0; j < d; j++)
        {
            var mean = raw.Count == 0 ? 0 : raw.Average(r => r[j]);
            var variance = raw.Count == 0 ? 0 : raw.Average(r => (r[j] - mean) * (r[j] - mean));
            state.Mean[j] = mean;
            state.Std[j] = Math.Max(Math.Sqrt(variance), 1e-3);
        }

        return space;
    }

    /// <summary>
    /// While fitting, features of a baseline window are computed as if that window had not been in the baseline
    /// (leave-one-out): otherwise every baseline window would look familiar by construction, its values all "seen",
    /// and the calibration would rank every new window as extreme.
    /// </summary>
    private Dictionary<ulong, int>? leaveOneOut;

    /// <summary>Ends fitting: later windows are compared with the whole baseline.</summary>
    internal void EndFitting()
    {
        leaveOneOut = null;
    }

    /// <summary>The standardised feature vector of a window.</summary>
    /// <param name="window">The window.</param>
    /// <returns>The vector.</returns>
    public float[] Vector(EventWindow window)
    {
        var raw = RawVector(window);
        var v = new float[raw.Length];
        for (var j = 0; j < raw.Length; j++)
        {
            v[j] = (float)Math.Clamp((raw[j] - State.Mean[j]) / State.Std[j], -1e4, 1e4);
        }

        return v;
    }

    /// <summary>Surprisal (bits) of a template given the baseline counts; the largest for a never-seen one.</summary>
    /// <param name="template">Template index or -1.</param>
    /// <returns>−log₂ p.</returns>
    public double Surprisal(int template) => Surprisal(template, 0);

    private double Surprisal(int template, int own)
    {
        var count = template >= 0 && template < State.Counts.Length ? State.Counts[template] - own : 0;
        return -Math.Log2((count + 1.0) / (State.TotalEvents - own + State.Counts.Length + 1.0));
    }

    /// <summary>Surprisal (bits) of the hour of day given the baseline windows.</summary>
    /// <param name="hour">Hour 0–23 (UTC).</param>
    /// <returns>−log₂ p.</returns>
    public double HourSurprisal(int hour) => -Math.Log2((State.HourCounts[hour] + 1.0) / (State.Windows + 24.0));

    /// <summary>Whether a value was seen in the baseline.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether its digest is known.</returns>
    public bool IsKnownValue(string value) =>
        leaveOneOut is null ? knownValues.Contains(Digest(value)) : leaveOneOut.GetValueOrDefault(Digest(value)) > 1;

    /// <summary>Surprisal of a template in a window, leaving the window out while fitting.</summary>
    internal double WindowSurprisal(EventWindow w, int template) =>
        Surprisal(template, leaveOneOut is null ? 0 : w.TemplateCounts.GetValueOrDefault(template));

    internal double[] RawVector(EventWindow w)
    {
        var t = State.Templates.Count;
        var v = new double[Dimension];
        var total = Math.Max(1, w.Count);
        double unknown = 0, sumSurprisal = 0, maxSurprisal = 0;
        foreach (var (template, count) in w.TemplateCounts)
        {
            if (template >= 0 && template < t)
            {
                var idf = Math.Log((State.Windows + 1.0) / (State.DocumentFrequency[template] + 1.0)) + 1.0;
                v[template] = (double)count / total * idf;
            }
            else
            {
                unknown += count;
            }

            var s = WindowSurprisal(w, template);
            sumSurprisal += s * count;
            maxSurprisal = Math.Max(maxSurprisal, s);
        }

        var unseen = w.Values.Count == 0 ? 0 : (double)w.Values.Count(x => !IsKnownValue(x)) / w.Values.Count;
        var hour = w.Start.UtcDateTime.Hour + (w.Start.UtcDateTime.Minute / 60.0);
        v[t] = unknown / total;
        v[t + 1] = Math.Log(1 + w.Count);
        v[t + 2] = (double)w.TemplateCounts.Count / total;
        v[t + 3] = sumSurprisal / total;
        v[t + 4] = maxSurprisal;
        v[t + 5] = unseen;
        v[t + 6] = HourSurprisal(w.Start.UtcDateTime.Hour);
        v[t + 7] = Math.Sin(2 * Math.PI * hour / 24);
        v[t + 8] = Math.Cos(2 * Math.PI * hour / 24);
        return v;
    }

    /// <summary>The name of a feature, for explanations.</summary>
    /// <param name="index">Feature index.</param>
    /// <returns>A short description.</returns>
    public string Name(int index) =>
        index < State.Templates.Count ? $"message type \"{State.Templates[index]}\"" : SummaryNames[index - State.Templates.Count];

    internal static ulong Digest(string value)
    {
        // The same digest as hashing Encoding.UTF8.GetBytes(value), without an array per value for short values.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > 512)
        {
            return XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(value));
        }

        Span<byte> bytes = stackalloc byte[length];
        return XxHash3.HashToUInt64(bytes[..Encoding.UTF8.GetBytes(value, bytes)]);
    }
}

/// <summary>What <see cref="FeatureSpace"/> learned, as saved in a model.</summary>
internal sealed class FeatureState
{
    public List<string> Templates { get; set; } = [];

    public long[] Counts { get; set; } = [];

    public long[] DocumentFrequency { get; set; } = [];

    public long[] HourCounts { get; set; } = new long[24];

    public long Windows { get; set; }

    public long TotalEvents { get; set; }

    public ulong[] KnownValues { get; set; } = [];

    public double[] Mean { get; set; } = [];

    public double[] Std { get; set; } = [];
}
