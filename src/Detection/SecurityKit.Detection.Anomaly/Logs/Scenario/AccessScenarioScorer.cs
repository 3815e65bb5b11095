using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using SecurityKit.Detection.Anomaly.Logs.Scoring;

namespace SecurityKit.Detection.Anomaly.Logs.Scenario;

/// <summary>One agent-hour of the access log, scored.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Hour">The hour (UTC).</param>
/// <param name="Score">Anomaly score in [0, 1].</param>
/// <param name="Reasons">Why, in words, most important first.</param>
public sealed record AccessWindowScore(string Agent, DateTime Hour, double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Scores agent-hours of a record-consultation log. Features per agent and hour: consultations, the longest run of
/// consecutive record numbers, consultations outside office hours (before 7 h, from 19 h, weekends), consultations of
/// the agent's own or a team-mate's record (from the directory), failed logins, a successful login from an address the
/// agent never used in the baseline, and purposes the agent never used. Each is standardised on the baseline; the score
/// is the larger of an ML.NET RandomizedPca reconstruction error and the largest standardised feature, both
/// calibrated on the baseline to [0, 1]. No labels are used.
/// </summary>
public sealed class AccessScenarioScorer
{
    private static readonly string[] Names =
        ["consultations", "consecutive record numbers", "consultations outside office hours", "own or team-mate's records consulted", "failed logins", "login from a new address", "purposes new for this agent"];

    private readonly Dictionary<string, int> ownRecords;
    private readonly Dictionary<string, int> teams;
    private readonly Dictionary<string, HashSet<string>> knownAddresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> knownPurposes = new(StringComparer.Ordinal);
    private readonly double[] mean = new double[Names.Length];
    private readonly double[] std = new double[Names.Length];
    private MLContext ml = new(1);
    private PredictionEngine<FeatureRow, PcaOutput>? pca;
    private double[] pcaCalibration = [];
    private double[] maxZCalibration = [];

    /// <summary>Creates a scorer with the organisation's directory.</summary>
    /// <param name="ownRecords">Each agent's own record number.</param>
    /// <param name="teams">Each agent's team.</param>
    public AccessScenarioScorer(IReadOnlyDictionary<string, int> ownRecords, IReadOnlyDictionary<string, int> teams)
    {
        ArgumentNullException.ThrowIfNull(ownRecords);
        ArgumentNullException.ThrowIfNull(teams);
        this.ownRecords = new(ownRecords, StringComparer.Ordinal);
        this.teams = new(teams, StringComparer.Ordinal);
    }

    /// <summary>Lines that could not be read (counted, skipped).</summary>
    public long BadLines { get; private set; }

    /// <summary>Learns the baseline.</summary>
    /// <param name="lines">Baseline access-log lines.</param>
    public void Fit(IEnumerable<string> lines)
    {
        var entries = Parse(lines).ToList();
        foreach (var e in entries)
        {
            if (e.Action == "login" && e.Result == "ok")
            {
                Known(knownAddresses, e.Agent).Add(e.Ip);
            }

            if (e.Purpose.Length > 0)
            {
                Known(knownPurposes, e.Agent).Add(e.Purpose);
            }
        }

        var windows = Windows(entries).Select(w => RawFeatures(w.Value)).ToList();
        for (var j = 0; j < Names.Length; j++)
        {
            mean[j] = windows.Average(w => w[j]);
            std[j] = Math.Max(Math.Sqrt(windows.Average(w => (w[j] - mean[j]) * (w[j] - mean[j]))), 0.5);
        }

        var rows = windows.Select(w => new FeatureRow { Features = Standardise(w) }).ToList();
        ml = new MLContext(1);
        var schema = FeatureRow.Schema(Names.Length);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var model = ml.AnomalyDetection.Trainers.RandomizedPca(new RandomizedPcaTrainer.Options { FeatureColumnName = nameof(FeatureRow.Features), Rank = 3, Seed = 1 }).Fit(data);
        pca = ml.Model.CreatePredictionEngine<FeatureRow, PcaOutput>(model, inputSchemaDefinition: schema);
        pcaCalibration = EmpiricalCalibration.Fit(rows.Select(r => (double)pca.Predict(r).Score));
        maxZCalibration = EmpiricalCalibration.Fit(rows.Select(r => (double)r.Features.Max()));
    }

    /// <summary>Scores every agent-hour of a log, highest first.</summary>
    /// <param name="lines">Access-log lines.</param>
    /// <returns>The scored windows.</returns>
    public List<AccessWindowScore> Score(IEnumerable<string> lines)
    {
        if (pca is null)
        {
            throw new InvalidOperationException("Fit the scorer on a baseline first");
        }

        var result = new List<AccessWindowScore>();
        foreach (var (key, window) in Windows(Parse(lines).ToList()))
        {
            var z = Standardise(RawFeatures(window));
            var p = EmpiricalCalibration.Apply(pcaCalibration, pca.Predict(new FeatureRow { Features = z }).Score);
            var m = EmpiricalCalibration.Apply(maxZCalibration, z.Max());
            var reasons = Enumerable.Range(0, Names.Length).Where(j => z[j] > 3).OrderByDescending(j => z[j])
                .Select(j => string.Create(CultureInfo.InvariantCulture, $"{Names[j]}: {window.Raw[j]:0.#} ({z[j]:F1} standard deviations above the baseline)")).ToList();
            if (reasons.Count == 0)
            {
                reasons.Add("unusual combination of activity for this agent-hour");
            }

            result.Add(new AccessWindowScore(key.Agent, key.Hour, Math.Max(p, m), reasons));
        }

        return [.. result.OrderByDescending(r => r.Score)];
    }

    /// <summary>Precision at k: the share of the k highest-scored agent-hours that hold a planted incident.</summary>
    /// <param name="ranked">Scored windows, highest first.</param>
    /// <param name="planted">The planted incidents.</param>
    /// <param name="k">How many to look at.</param>
    /// <returns>The precision.</returns>
    public static double PrecisionAtK(IReadOnlyList<AccessWindowScore> ranked, IReadOnlyList<PlantedIncident> planted, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(planted);
        var set = planted.Select(p => (p.Agent, p.Hour)).ToHashSet();
        return k <= 0 ? 0 : (double)ranked.Take(k).Count(r => set.Contains((r.Agent, r.Hour))) / k;
    }

    private float[] Standardise(double[] raw)
    {
        var z = new float[raw.Length];
        for (var j = 0; j < raw.Length; j++)
        {
            z[j] = (float)((raw[j] - mean[j]) / std[j]);
        }

        return z;
    }

    private static HashSet<string> Known(Dictionary<string, HashSet<string>> map, string agent)
    {
        if (!map.TryGetValue(agent, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            map.Add(agent, set);
        }

        return set;
    }

    private double[] RawFeatures(Window w)
    {
        var records = w.Records.Distinct().Order().ToList();
        var run = records.Count == 0 ? 0 : 1;
        for (int i = 1, current = 1; i < records.Count; i++)
        {
            current = records[i] == records[i - 1] + 1 ? current + 1 : 1;
            run = Math.Max(run, current);
        }

        var offHours = w.Hour.Hour < 7 || w.Hour.Hour >= 19 || w.Hour.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var team = teams.GetValueOrDefault(w.Agent, -1);
        var close = w.Records.Count(r => ownRecords.Where(o => o.Value == r).Any(o => o.Key == w.Agent || teams.GetValueOrDefault(o.Key, -2) == team));
        w.Raw = [w.Records.Count, run, offHours ? w.Records.Count : 0, close, w.FailedLogins,
            w.Addresses.Count(a => !knownAddresses.GetValueOrDefault(w.Agent)?.Contains(a) ?? true),
            w.Purposes.Count(p => !knownPurposes.GetValueOrDefault(w.Agent)?.Contains(p) ?? true)];
        return w.Raw;
    }

    private static Dictionary<(string Agent, DateTime Hour), Window> Windows(List<Entry> entries)
    {
        var windows = new Dictionary<(string, DateTime), Window>();
        foreach (var e in entries)
        {
            var hour = new DateTime(e.Time.Year, e.Time.Month, e.Time.Day, e.Time.Hour, 0, 0, DateTimeKind.Utc);
            if (!windows.TryGetValue((e.Agent, hour), out var w))
            {
                w = new Window(e.Agent, hour);
                windows.Add((e.Agent, hour), w);
            }

            if (e.Action == "consult" && e.Record >= 0)
            {
                w.Records.Add(e.Record);
                w.Purposes.Add(e.Purpose);
            }
            else if (e.Action == "login" && e.Result == "failed")
            {
                w.FailedLogins++;
            }
            else if (e.Action == "login")
            {
                w.Addresses.Add(e.Ip);
            }
        }

        return windows;
    }

    private IEnumerable<Entry> Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !DateTime.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                BadLines++;
                continue;
            }

            var fields = parts.Skip(1).Select(p => p.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
            if (!fields.TryGetValue("agent", out var agent) || !fields.TryGetValue("action", out var action))
            {
                BadLines++;
                continue;
            }

            var record = fields.TryGetValue("record", out var r) && r.Length > 1 && int.TryParse(r.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            yield return new Entry(time, agent, action, record, fields.GetValueOrDefault("purpose", string.Empty), fields.GetValueOrDefault("ip", string.Empty), fields.GetValueOrDefault("result", string.Empty));
        }
    }

    private sealed record Entry(DateTime Time, string Agent, string Action, int Record, string Purpose, string Ip, string Result);

    private sealed class Window(string agent, DateTime hour)
    {
        public string Agent { get; } = agent;

        public DateTime Hour { get; } = hour;

        public List<int> Records { get; } = [];

        public HashSet<string> Purposes { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Addresses { get; } = new(StringComparer.Ordinal);

        public int FailedLogins { get; set; }

        public double[] Raw { get; set; } = [];
    }
}
