using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using F = SecurityKit.Detection.Anomaly.Employers.EmployerFeatureCatalog;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// The employer fraud-risk model: a supervised ML.NET FastTree (gradient-boosted trees) trained on inspection
/// outcomes and calibrated to a probability by Platt scaling on out-of-fold scores, and an unsupervised anomaly score
/// (ML.NET RandomizedPca over one-sided robust deviations, averaged with their norm) for employers whose profile is
/// unusual in the risky direction. The combined risk is
/// <c>risk = 1 − (1 − p)·(1 − λ·t)</c>, where p is the calibrated probability, t = max(0, (u − 0.9) / 0.1) lifts
/// the 10 % most unusual employers (u is the unusualness percentile) and λ is chosen on out-of-fold data (at least
/// 0.1, so that profiles no inspection ever covered can still surface). See docs/employer-risk.md.
/// </summary>
public sealed class EmployerRiskModel
{
    /// <summary>Version of the model file's schema (features and manifest); a file of another version is refused.</summary>
    public const string SchemaVersion = "securitykit-employer-risk/1";

    private const string ManifestEntry = "manifest.json";
    private const string SupervisedEntry = "supervised.mlnet";
    private const string AnomalyEntry = "anomaly.mlnet";
    private const double UnusualTail = 0.9;
    private const double MinimumUnusualnessWeight = 0.1;
    private static readonly double[] UnusualnessWeights = [0.1, 0.2, 0.35, 0.5];
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly MLContext _ml;
    private readonly ModelManifest _manifest;
    private readonly ITransformer? _supervised;
    private readonly ITransformer _anomaly;
    private readonly DeviationProfile _profile;
    private readonly PercentileTable _pcaTable;
    private readonly PercentileTable _distanceTable;
    private readonly TreeContributions? _contributions;

    private EmployerRiskModel(MLContext ml, ModelManifest manifest, ITransformer? supervised, ITransformer anomaly)
    {
        _ml = ml;
        _manifest = manifest;
        _supervised = supervised;
        _anomaly = anomaly;
        _profile = new DeviationProfile(manifest.Medians, manifest.Scales);
        _pcaTable = new PercentileTable(manifest.PcaQuantiles);
        _distanceTable = new PercentileTable(manifest.DistanceQuantiles);
        _contributions = supervised is null ? null : TreeContributions.TryCreate(supervised);
    }

    /// <summary>Whether inspection outcomes allowed a supervised model (at least 3 fraud and 3 no-fraud employers).</summary>
    public bool HasSupervisedModel => _supervised is not null;

    /// <summary>λ, the weight of the unusualness lift in the combined risk.</summary>
    public double UnusualnessWeight => _manifest.UnusualnessWeight;

    /// <summary>Number of inspected employers the model learned from.</summary>
    public int InspectedEmployers => _manifest.InspectedEmployers;

    /// <summary>Number of employers whose inspection found fraud.</summary>
    public int FraudEmployers => _manifest.FraudEmployers;

    /// <summary>Trains on a data folder's inspections.</summary>
    /// <param name="data">The data.</param>
    /// <param name="options">Settings, or the defaults.</param>
    /// <returns>The trained model.</returns>
    public static EmployerRiskModel Train(EmployerRiskData data, EmployerRiskTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Train(data, EmployerFeatureBuilder.Build(data), options ?? new EmployerRiskTrainingOptions());
    }

    /// <summary>Trains on already computed features.</summary>
    /// <param name="data">The data (for the inspection labels).</param>
    /// <param name="matrix">The features of <paramref name="data"/>.</param>
    /// <param name="options">Settings.</param>
    /// <returns>The trained model.</returns>
    public static EmployerRiskModel Train(EmployerRiskData data, EmployerFeatureMatrix matrix, EmployerRiskTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        if (data.Employers.Count == 0)
        {
            throw new SecurityKitException("there are no employers to train on", EmployerRiskDataLoader.EmployersFile);
        }

        var ml = new MLContext(seed: options.Seed);
        var n = matrix.Employers;
        var labels = data.InspectionLabels(options.LabelsUntil);

        // Unsupervised part: one-sided deviations, their norm, and RandomizedPca's reconstruction error.
        var profile = DeviationProfile.Fit(matrix);
        var deviations = DeviationRows(matrix, profile, out var distances);
        var anomalyTrainer = ml.AnomalyDetection.Trainers.RandomizedPca(
            featureColumnName: nameof(FeatureRow.Features), rank: Math.Min(5, F.Count - 1), ensureZeroMean: true);
        var random = new Random(options.Seed);
        var pcaSample = n <= 100_000 ? deviations : [.. deviations.OrderBy(_ => random.Next()).Take(100_000)];
        var anomalyModel = anomalyTrainer.Fit(ml.Data.LoadFromEnumerable(pcaSample));
        var pcaScores = AnomalyScores(ml, anomalyModel, deviations);
        var pcaTable = PercentileTable.Fit(pcaScores);
        var distanceTable = PercentileTable.Fit(distances);
        var unusualness = new double[n];
        for (var e = 0; e < n; e++)
        {
            unusualness[e] = (pcaTable.Percentile(pcaScores[e]) + distanceTable.Percentile(distances[e])) / 2;
        }

        // Supervised part, when the inspections hold both outcomes.
        var labeled = Enumerable.Range(0, n).Where(e => labels[e] >= 0).ToArray();
        var positives = labeled.Count(e => labels[e] == 1);
        var negatives = labeled.Length - positives;
        ITransformer? supervised = null;
        PlattCalibration platt = default;
        var lambda = 1.0;
        if (positives >= 3 && negatives >= 3)
        {
            var unlabeled = Enumerable.Range(0, n).Where(e => labels[e] < 0).OrderBy(_ => random.Next()).Take(options.NeverInspectedWeight > 0 ? options.MaxNeverInspectedSample : 0).ToArray();
            var unlabeledWeight = unlabeled.Length == 0 ? 0f : (float)(options.NeverInspectedWeight * labeled.Length / unlabeled.Length);
            var folds = Math.Min(5, Math.Min(positives, negatives));
            var fold = new int[n];
            var shuffled = labeled.OrderBy(_ => random.Next()).ToArray();
            for (var i = 0; i < shuffled.Length; i++)
            {
                fold[shuffled[i]] = i % folds;
            }

            var outOfFold = new double[n];
            for (var k = 0; k < folds; k++)
            {
                var trainRows = labeled.Where(e => fold[e] != k).Select(e => Row(matrix, e, labels[e] == 1, 1f))
                    .Concat(unlabeled.Select(e => Row(matrix, e, false, unlabeledWeight)));
                var foldModel = FitTrees(ml, trainRows.ToList(), options, labeled.Length);
                var testRows = labeled.Where(e => fold[e] == k).ToArray();
                var scores = SupervisedScores(ml, foldModel, matrix, testRows).Scores;
                for (var i = 0; i < testRows.Length; i++)
                {
                    outOfFold[testRows[i]] = scores[i];
                }
            }

            platt = PlattCalibration.Fit([.. labeled.Select(e => outOfFold[e])], [.. labeled.Select(e => labels[e] == 1)]);
            var outcomes = labeled.Select(e => labels[e] == 1).ToArray();
            var best = double.NegativeInfinity;
            foreach (var candidate in UnusualnessWeights)
            {
                var risks = labeled.Select(e => Combine(platt.Probability(outOfFold[e]), unusualness[e], candidate)).ToArray();
                var ap = RankingMetrics.AveragePrecision(risks, outcomes);
                if (ap > best + 1e-9)
                {
                    best = ap;
                    lambda = candidate;
                }
            }

            lambda = Math.Max(MinimumUnusualnessWeight, lambda);
            var allRows = labeled.Select(e => Row(matrix, e, labels[e] == 1, 1f))
                .Concat(unlabeled.Select(e => Row(matrix, e, false, unlabeledWeight))).ToList();
            var trees = FitTrees(ml, allRows, options, labeled.Length);
            var contributions = ml.Transforms.CalculateFeatureContribution(trees, numberOfPositiveContributions: 8, numberOfNegativeContributions: 0, normalize: false)
                .Fit(trees.Transform(ml.Data.LoadFromEnumerable(allRows.Take(10))));
            supervised = trees.Append(contributions);
        }

        var manifest = new ModelManifest
        {
            SchemaVersion = SchemaVersion,
            FeatureNames = [.. F.All.Select(f => f.Name)],
            HasSupervisedModel = supervised is not null,
            PlattA = platt.A,
            PlattB = platt.B,
            UnusualnessWeight = lambda,
            Medians = profile.Medians,
            Scales = profile.Scales,
            PcaQuantiles = pcaTable.Quantiles,
            DistanceQuantiles = distanceTable.Quantiles,
            TrainingEmployers = n,
            InspectedEmployers = labeled.Length,
            FraudEmployers = positives,
            LabelsUntil = options.LabelsUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return new EmployerRiskModel(ml, manifest, supervised, anomalyModel);
    }

    /// <summary>Scores every employer of a data folder.</summary>
    /// <param name="data">The data.</param>
    /// <returns>One score per employer, sorted by rank.</returns>
    public IReadOnlyList<EmployerRiskScore> Score(EmployerRiskData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Score(data, EmployerFeatureBuilder.Build(data));
    }

    /// <summary>Scores every employer from already computed features.</summary>
    /// <param name="data">The data (for the employer ids).</param>
    /// <param name="matrix">The features of <paramref name="data"/>.</param>
    /// <returns>One score per employer, sorted by rank.</returns>
    public IReadOnlyList<EmployerRiskScore> Score(EmployerRiskData data, EmployerFeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Employers;
        var deviations = DeviationRows(matrix, _profile, out var distances);
        var pcaScores = AnomalyScores(_ml, _anomaly, deviations);
        var (supervised, contributions) = _supervised is null ? (null, null) : SupervisedScores(_ml, _supervised, matrix, [.. Enumerable.Range(0, n)], _contributions);
        var platt = new PlattCalibration(_manifest.PlattA, _manifest.PlattB);
        var results = new (double Risk, double P, double U, IReadOnlyList<string> Reasons)[n];
        Parallel.For(0, n, e =>
        {
            var u = (_pcaTable.Percentile(pcaScores[e]) + _distanceTable.Percentile(distances[e])) / 2;
            double p, risk;
            if (supervised is null)
            {
                p = 0;
                risk = u;
            }
            else
            {
                p = platt.Probability(supervised[e]);
                risk = Combine(p, u, _manifest.UnusualnessWeight);
            }

            // A small share of the unusualness breaks ties between employers the trees put in the same leaf.
            risk = Math.Clamp(risk + ((1 - risk) * 0.001 * u), 0, 1);
            var lift = _manifest.UnusualnessWeight * Lift(u);
            ReadOnlySpan<float> contributionsOfEmployer = contributions is null ? [] : contributions.AsSpan(e * F.Count, F.Count);
            var reasons = ReasonWriter.Write(matrix, e, _profile, contributionsOfEmployer, deviations[e].Features, unusualnessFirst: supervised is null || lift > p);
            results[e] = (risk, p, u, reasons);
        });

        var order = Enumerable.Range(0, n).OrderByDescending(e => results[e].Risk).ThenBy(e => e).ToArray();
        var scores = new EmployerRiskScore[n];
        for (var rank = 0; rank < n; rank++)
        {
            var e = order[rank];
            scores[rank] = new EmployerRiskScore(data.Employers[e].EmployerId, results[e].Risk, rank + 1, results[e].P, results[e].U, results[e].Reasons);
        }

        return scores;
    }

    /// <summary>Writes the model to a zip file (manifest with schema version, and the two ML.NET models).</summary>
    /// <param name="path">The file to write; replaced atomically.</param>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            using (var entry = zip.CreateEntry(ManifestEntry).Open())
            {
                JsonSerializer.Serialize(entry, _manifest, JsonOptions);
            }

            var featureSchema = SchemaDefinitionView();
            using (var entry = zip.CreateEntry(AnomalyEntry).Open())
            {
                _ml.Model.Save(_anomaly, featureSchema, entry);
            }

            if (_supervised is not null)
            {
                using var entry = zip.CreateEntry(SupervisedEntry).Open();
                _ml.Model.Save(_supervised, featureSchema, entry);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="SecurityKitException">The file is missing, not a model, or of another schema version.</exception>
    public static EmployerRiskModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new SecurityKitException("model file not found", name);
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw new SecurityKitException("not an employer-risk model: manifest.json is missing", name);
            ModelManifest manifest;
            using (var stream = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<ModelManifest>(stream) ?? throw new SecurityKitException("model manifest is empty", $"{name}, {ManifestEntry}");
            }

            if (!string.Equals(manifest.SchemaVersion, SchemaVersion, StringComparison.Ordinal))
            {
                throw new SecurityKitException(
                    $"model schema version '{Shorten(manifest.SchemaVersion)}' is not supported: this SecurityKit reads '{SchemaVersion}'; retrain with 'securitykit risk train'",
                    $"{name}, {ManifestEntry}, SchemaVersion");
            }

            if (!manifest.FeatureNames.SequenceEqual(F.All.Select(f => f.Name)) || manifest.Medians.Length != F.Count || manifest.Scales.Length != F.Count)
            {
                throw new SecurityKitException("model features do not match this SecurityKit's features; retrain with 'securitykit risk train'", $"{name}, {ManifestEntry}, FeatureNames");
            }

            var ml = new MLContext(seed: 1);
            ITransformer anomaly;
            using (var stream = (zip.GetEntry(AnomalyEntry) ?? throw new SecurityKitException("model is incomplete: anomaly model missing", name)).Open())
            {
                anomaly = ml.Model.Load(Buffered(stream), out _);
            }

            ITransformer? supervised = null;
            if (manifest.HasSupervisedModel)
            {
                using var stream = (zip.GetEntry(SupervisedEntry) ?? throw new SecurityKitException("model is incomplete: supervised model missing", name)).Open();
                supervised = ml.Model.Load(Buffered(stream), out _);
            }

            return new EmployerRiskModel(ml, manifest, supervised, anomaly);
        }
        catch (InvalidDataException ex)
        {
            throw new SecurityKitException("not an employer-risk model file (not a zip archive)", name, ex);
        }
        catch (JsonException ex)
        {
            throw new SecurityKitException("model manifest is not valid JSON", $"{name}, {ManifestEntry}", ex);
        }
        catch (FormatException ex)
        {
            throw new SecurityKitException("model file is corrupt", name, ex);
        }
    }

    /// <summary>
    /// The supervised model's feature contributions for every employer, row-major, computed by ML.NET's transform or by
    /// <see cref="TreeContributions"/>; tests assert both agree. Null without a supervised model.
    /// </summary>
    internal float[]? SupervisedContributions(EmployerFeatureMatrix matrix, bool byMlNet)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return _supervised is null
            ? null
            : SupervisedScores(_ml, _supervised, matrix, [.. Enumerable.Range(0, matrix.Employers)], byMlNet ? null : _contributions).Contributions;
    }

    /// <summary>Whether scoring computes feature contributions with <see cref="TreeContributions"/> rather than ML.NET's transform.</summary>
    internal bool HasFastContributions => _contributions is not null;

    internal static double Combine(double probability, double unusualness, double lambda) =>
        1 - ((1 - probability) * (1 - (lambda * Lift(unusualness))));

    private static double Lift(double unusualness) => Math.Max(0, (unusualness - UnusualTail) / (1 - UnusualTail));

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60];

    private static MemoryStream Buffered(Stream stream)
    {
        // ML.NET needs a seekable stream; zip entries are not.
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }

    private static FeatureRow Row(EmployerFeatureMatrix matrix, int e, bool label, float weight) =>
        new() { Features = Impute(matrix.Row(e)), Label = label, Weight = weight };

    private static float[] Impute(ReadOnlySpan<float> row)
    {
        // Trees need a value: every feature is ≥ 0 except the trends, so −1 marks "undefined" for most; −9 for trends.
        var result = row.ToArray();
        for (var j = 0; j < result.Length; j++)
        {
            if (float.IsNaN(result[j]))
            {
                result[j] = j is F.WorkersTrend or F.UnpaidTrend ? -9 : -1;
            }
        }

        return result;
    }

    private static FeatureRow[] DeviationRows(EmployerFeatureMatrix matrix, DeviationProfile profile, out float[] distances)
    {
        var rows = new FeatureRow[matrix.Employers];
        var norms = new float[matrix.Employers];
        Parallel.For(0, matrix.Employers, e =>
        {
            var deviations = new float[F.Count];
            profile.Deviations(matrix.Row(e), deviations);
            rows[e] = new FeatureRow { Features = deviations };
            var sum = 0.0;
            foreach (var d in deviations)
            {
                sum += d * d;
            }

            norms[e] = (float)Math.Sqrt(sum);
        });
        distances = norms;
        return rows;
    }

    private static float[] AnomalyScores(MLContext ml, ITransformer model, FeatureRow[] rows) =>
        ScoreInChunks(ml, model, rows, nameof(AnomalyOutput.Score), contributionsColumn: null).Scores;

    private static (float[] Scores, float[]? Contributions) SupervisedScores(
        MLContext ml, ITransformer model, EmployerFeatureMatrix matrix, int[] employers, TreeContributions? fastContributions = null)
    {
        var rows = new FeatureRow[employers.Length];
        Parallel.For(0, rows.Length, i => rows[i] = Row(matrix, employers[i], false, 1f));
        if (fastContributions is null)
        {
            return ScoreInChunks(ml, model, rows, nameof(SupervisedOutput.Score), nameof(SupervisedOutput.FeatureContributions));
        }

        // Scores from ML.NET's transform (the contribution column is not requested, so ML.NET does not compute it);
        // contributions from the same trees, read once (see TreeContributions).
        var scores = ScoreInChunks(ml, model, rows, nameof(SupervisedOutput.Score), contributionsColumn: null).Scores;
        var contributions = new float[rows.Length * F.Count];
        Parallel.For(0, rows.Length, i => fastContributions.Compute(rows[i].Features, contributions.AsSpan(i * F.Count, F.Count)));
        return (scores, contributions);
    }

    /// <summary>
    /// Runs <paramref name="model"/>'s Transform over <paramref name="rows"/> in one chunk per core, each read by its own
    /// cursor in a single pass (score and, when the model has them, the feature contributions, which cost most), and
    /// returns the scores and the contributions flattened row-major (<see cref="F.Count"/> per row). ML.NET transformers
    /// are immutable, and every cursor keeps its own state, so chunks run in parallel.
    /// </summary>
    private static (float[] Scores, float[]? Contributions) ScoreInChunks(MLContext ml, ITransformer model, FeatureRow[] rows, string scoreColumn, string? contributionsColumn)
    {
        var scores = new float[rows.Length];
        var hasContributions = contributionsColumn is not null
            && model.Transform(ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>())).Schema.GetColumnOrNull(contributionsColumn) is not null;
        var contributions = hasContributions ? new float[rows.Length * F.Count] : null;
        var chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, rows.Length / 10_000));
        Parallel.For(0, chunks, chunk =>
        {
            var from = (int)((long)rows.Length * chunk / chunks);
            var to = (int)((long)rows.Length * (chunk + 1) / chunks);
            var scored = model.Transform(ml.Data.LoadFromEnumerable(new ArraySegment<FeatureRow>(rows, from, to - from)));
            var scoreCol = scored.Schema[scoreColumn];
            var columns = hasContributions ? new[] { scoreCol, scored.Schema[contributionsColumn!] } : new[] { scoreCol };
            using var cursor = scored.GetRowCursor(columns);
            var getScore = cursor.GetGetter<float>(scoreCol);
            var getContributions = hasContributions ? cursor.GetGetter<VBuffer<float>>(columns[1]) : null;
            var buffer = default(VBuffer<float>);
            var score = 0f;
            for (var i = from; cursor.MoveNext(); i++)
            {
                getScore(ref score);
                scores[i] = score;
                if (getContributions is not null)
                {
                    getContributions(ref buffer);
                    buffer.CopyTo(contributions.AsSpan(i * F.Count, F.Count));
                }
            }
        });

        return (scores, contributions);
    }

    private static BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> FitTrees(
        MLContext ml, List<FeatureRow> rows, EmployerRiskTrainingOptions options, int labeledCount)
    {
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = nameof(FeatureRow.Features),
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            NumberOfTrees = options.Trees,
            NumberOfLeaves = labeledCount < 500 ? 8 : 16,
            MinimumExampleCountPerLeaf = Math.Max(5, labeledCount / 100),
            LearningRate = 0.05,
            FeatureFraction = 0.8,
            Seed = options.Seed,
            NumberOfThreads = Math.Max(1, Environment.ProcessorCount),
        });
        return trainer.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    private static DataViewSchema SchemaDefinitionView() =>
        new MLContext().Data.LoadFromEnumerable(Array.Empty<FeatureRow>()).Schema;
}
