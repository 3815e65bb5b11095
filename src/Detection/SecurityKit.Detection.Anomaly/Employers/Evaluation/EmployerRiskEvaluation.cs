using System.Globalization;
using System.Text;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Evaluates the ranking the way it is used: a time-ordered split (train on inspections up to a date, test on the
/// employers first inspected after it) and, when the folder comes from the generator, against the planted truth of
/// the employers never inspected. Each ranking is compared with baselines: the unpaid-contributions ratio alone and a
/// random order (mean of 20 seeded shuffles).
/// </summary>
public static class EmployerRiskEvaluation
{
    /// <summary>Runs the evaluation and returns a Markdown report.</summary>
    /// <param name="directory">The data folder.</param>
    /// <param name="splitDate">Last inspection date used for training; by default the date before which 70 % of inspections fall.</param>
    /// <param name="options">Training settings.</param>
    /// <returns>The report.</returns>
    public static EmployerRiskEvaluationReport Run(string directory, DateOnly? splitDate = null, EmployerRiskTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new EmployerRiskTrainingOptions();
        var data = EmployerRiskDataLoader.Load(directory);
        var matrix = EmployerFeatureBuilder.Build(data);
        var n = data.Employers.Count;
        if (data.Inspections.Count < 10)
        {
            throw new SecurityKitException("too few inspections to evaluate (at least 10 are needed)", EmployerRiskDataLoader.InspectionsFile);
        }

        var dates = data.Inspections.Select(i => i.InspectedOn).Order().ToArray();
        var split = splitDate ?? dates[(int)(dates.Length * 0.7)];
        var model = EmployerRiskModel.Train(data, matrix, options with { LabelsUntil = split });
        var scores = model.Score(data, matrix);
        var index = Enumerable.Range(0, n).ToDictionary(e => data.Employers[e].EmployerId, StringComparer.Ordinal);
        var byEmployer = new EmployerRiskScore[n];
        foreach (var score in scores)
        {
            byEmployer[index[score.EmployerId]] = score;
        }

        var before = data.InspectionLabels(split);
        var all = data.InspectionLabels();
        var test = Enumerable.Range(0, n).Where(e => before[e] < 0 && all[e] >= 0).ToArray();
        var report = new StringBuilder();
        var metrics = new List<EmployerRiskMetrics>();
        report.Append(CultureInfo.InvariantCulture, $"## Time-ordered split\n\nTrained on inspections up to {split:yyyy-MM-dd} ({model.InspectedEmployers} inspected employers, {model.FraudEmployers} with fraud); tested on the {test.Length} employers first inspected after it ({test.Count(e => all[e] == 1)} with fraud). λ = {model.UnusualnessWeight:0.##}.\n\n");
        metrics.AddRange(Table(report, "held-out inspections", test, e => all[e] == 1, byEmployer, matrix));

        var truthPath = Path.Combine(directory, EmployerRiskDataGenerator.GroundTruthFile);
        if (File.Exists(truthPath))
        {
            var truth = ReadTruth(truthPath, index, n);
            var full = EmployerRiskModel.Train(data, matrix, options);
            var fullScores = full.Score(data, matrix);
            var fullBy = new EmployerRiskScore[n];
            foreach (var score in fullScores)
            {
                fullBy[index[score.EmployerId]] = score;
            }

            var never = Enumerable.Range(0, n).Where(e => all[e] < 0).ToArray();
            report.Append(CultureInfo.InvariantCulture, $"\n## Never-inspected employers against the generator's planted truth\n\nTrained on all {full.InspectedEmployers} inspected employers ({full.FraudEmployers} with fraud); tested on the {never.Length} never-inspected employers ({never.Count(e => truth[e])} planted frauds). λ = {full.UnusualnessWeight:0.##}.\n\n");
            metrics.AddRange(Table(report, "never inspected (planted truth)", never, e => truth[e], fullBy, matrix));
        }

        return new EmployerRiskEvaluationReport(report.ToString(), metrics);
    }

    private static bool[] ReadTruth(string path, Dictionary<string, int> index, int n)
    {
        var truth = new bool[n];
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length >= 2 && index.TryGetValue(parts[0], out var e))
            {
                truth[e] = parts[1] == "1";
            }
        }

        return truth;
    }

    private static List<EmployerRiskMetrics> Table(StringBuilder report, string set, int[] employers, Func<int, bool> outcome, EmployerRiskScore[] scores, EmployerFeatureMatrix matrix)
    {
        var positives = employers.Select(outcome).ToArray();
        var rows = new List<EmployerRiskMetrics>
        {
            Metrics(set, "combined risk (model)", employers.Select(e => scores[e].Risk).ToArray(), positives),
            Metrics(set, "supervised probability alone", employers.Select(e => scores[e].SupervisedProbability).ToArray(), positives),
            Metrics(set, "unusualness alone", employers.Select(e => scores[e].Unusualness).ToArray(), positives),
            Metrics(set, "baseline: unpaid-contributions ratio", employers.Select(e => Unpaid(matrix, e)).ToArray(), positives),
            RandomBaseline(set, positives),
        };
        report.Append(CultureInfo.InvariantCulture, $"| ranking | average precision (PR-AUC) | precision at 1 % (k = {RankingMetrics.TopK(employers.Length, 0.01)}) | precision at 5 % (k = {RankingMetrics.TopK(employers.Length, 0.05)}) |\n|---|---|---|---|\n");
        foreach (var row in rows)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {row.Ranking} | {row.AveragePrecision:0.000} | {row.PrecisionAt1:0.000} | {row.PrecisionAt5:0.000} |\n");
        }

        report.Append(CultureInfo.InvariantCulture, $"\nPrevalence: {(positives.Length == 0 ? 0 : positives.Count(p => p) / (double)positives.Length):0.000}.\n");
        return rows;
    }

    private static double Unpaid(EmployerFeatureMatrix matrix, int e)
    {
        var v = matrix[e, EmployerFeatureCatalog.UnpaidRatio];
        return float.IsNaN(v) ? 0 : v;
    }

    private static EmployerRiskMetrics Metrics(string set, string ranking, double[] scores, bool[] positives) => new(
        set,
        ranking,
        RankingMetrics.AveragePrecision(scores, positives),
        RankingMetrics.PrecisionAt(scores, positives, RankingMetrics.TopK(scores.Length, 0.01)),
        RankingMetrics.PrecisionAt(scores, positives, RankingMetrics.TopK(scores.Length, 0.05)));

    private static EmployerRiskMetrics RandomBaseline(string set, bool[] positives)
    {
        double ap = 0, p1 = 0, p5 = 0;
        const int Shuffles = 20;
        for (var s = 0; s < Shuffles; s++)
        {
            var random = new Random(1000 + s);
            var scores = positives.Select(_ => random.NextDouble()).ToArray();
            ap += RankingMetrics.AveragePrecision(scores, positives);
            p1 += RankingMetrics.PrecisionAt(scores, positives, RankingMetrics.TopK(scores.Length, 0.01));
            p5 += RankingMetrics.PrecisionAt(scores, positives, RankingMetrics.TopK(scores.Length, 0.05));
        }

        return new EmployerRiskMetrics(set, "baseline: random (mean of 20)", ap / Shuffles, p1 / Shuffles, p5 / Shuffles);
    }
}
