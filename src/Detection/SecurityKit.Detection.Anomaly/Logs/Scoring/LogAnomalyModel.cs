using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>
/// Scores log windows for anomalies: an ML.NET RandomizedPca detector over standardised window features (how far a
/// window lies from the baseline's principal subspace) and a rarity/novelty scorer (rare or new message types, values
/// never seen, rare hours), each calibrated on the baseline to [0, 1] and combined by taking the larger; optionally a
/// supervised FastTree classifier when labels exist. Every score comes with reasons in words.
/// Saved as a zip: <c>manifest.json</c> (with <see cref="SchemaVersion"/>), <c>values.bin</c>, <c>pca.zip</c> and,
/// when trained with labels, <c>supervised.zip</c> (ML.NET models with their schema).
/// </summary>
public sealed class LogAnomalyModel
{
    /// <summary>Version of the saved layout; a model of another version is refused.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Converters = { new JsonStringEnumConverter() } };

    private readonly MLContext ml;
    private readonly ITransformer pca;
    private readonly ITransformer? supervised;
    private readonly double[] pcaCalibration;
    private readonly double[] rarityCalibration;
    private readonly PredictionEngine<FeatureRow, PcaOutput> pcaEngine;
    private readonly PredictionEngine<FeatureRow, ClassifierOutput>? supervisedEngine;

    private LogAnomalyModel(MLContext ml, LogScoringOptions options, FeatureSpace features, ITransformer pca, double[] pcaCalibration, double[] rarityCalibration, ITransformer? supervised)
    {
        this.ml = ml;
        Options = options;
        Features = features;
        this.pca = pca;
        this.pcaCalibration = pcaCalibration;
        this.rarityCalibration = rarityCalibration;
        this.supervised = supervised;
        var schema = FeatureRow.Schema(features.Dimension);
        pcaEngine = ml.Model.CreatePredictionEngine<FeatureRow, PcaOutput>(pca, inputSchemaDefinition: schema);
        supervisedEngine = supervised is null ? null : ml.Model.CreatePredictionEngine<FeatureRow, ClassifierOutput>(supervised, inputSchemaDefinition: schema);
    }

    /// <summary>How lines were read and windowed when training.</summary>
    public LogScoringOptions Options { get; }

    /// <summary>The feature space learned from the baseline.</summary>
    public FeatureSpace Features { get; }

    /// <summary>Whether the model has a supervised scorer.</summary>
    public bool HasSupervised => supervised is not null;

    /// <summary>Fits the model on baseline windows.</summary>
    /// <param name="templates">Template texts, by index.</param>
    /// <param name="baseline">Baseline windows.</param>
    /// <param name="options">How lines were read and windowed.</param>
    /// <param name="labels">Per-window labels (true = anomalous) to also fit a supervised FastTree, or <see langword="null"/>.</param>
    /// <param name="seed">Random seed (PCA and trees).</param>
    /// <returns>The model.</returns>
    /// <exception cref="SecurityKitException">When the baseline has fewer than two windows.</exception>
    public static LogAnomalyModel Train(IReadOnlyList<string> templates, IReadOnlyList<EventWindow> baseline, LogScoringOptions options, IReadOnlyList<bool>? labels = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(options);
        if (baseline.Count < 2)
        {
            throw new SecurityKitException("the baseline needs at least two windows", "training input");
        }

        var ml = new MLContext(seed);
        var features = FeatureSpace.Fit(templates, baseline);
        var rows = baseline.Select((w, i) => new FeatureRow { Features = features.Vector(w), Label = labels is not null && labels[i] }).ToList();
        var schema = FeatureRow.Schema(features.Dimension);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var rank = Math.Max(1, Math.Min(10, Math.Min(features.Dimension - 1, baseline.Count - 1)));
        var pca = ml.AnomalyDetection.Trainers.RandomizedPca(new RandomizedPcaTrainer.Options
        {
            FeatureColumnName = nameof(FeatureRow.Features),
            Rank = rank,
            Oversampling = 20,
            EnsureZeroMean = true,
            Seed = seed,
        }).Fit(data);
        var pcaScores = ml.Data.CreateEnumerable<PcaOutput>(pca.Transform(data), reuseRowObject: false).Select(o => (double)o.Score).ToList();

        ITransformer? supervised = null;
        if (labels is not null)
        {
            if (labels.Count != baseline.Count)
            {
                throw new ArgumentException("one label per window", nameof(labels));
            }

            if (labels.Distinct().Count() == 2)
            {
                supervised = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    FeatureColumnName = nameof(FeatureRow.Features),
                    LabelColumnName = nameof(FeatureRow.Label),
                    NumberOfTrees = 100,
                    NumberOfLeaves = 16,
                    MinimumExampleCountPerLeaf = 5,
                    Seed = seed,
                }).Fit(data);
            }
        }

        var partial = new LogAnomalyModel(ml, options, features, pca, EmpiricalCalibration.Fit(pcaScores), [], supervised);
        var rarity = EmpiricalCalibration.Fit(baseline.Select(partial.RawRarity).ToList());
        features.EndFitting();
        return new LogAnomalyModel(ml, options, features, pca, partial.pcaCalibration, rarity, supervised);
    }

    /// <summary>Scores one window.</summary>
    /// <param name="window">The window.</param>
    /// <returns>The score and its reasons.</returns>
    public WindowScore Score(EventWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var vector = Features.Vector(window);
        var row = new FeatureRow { Features = vector };
        var pcaRaw = pcaEngine.Predict(row).Score;
        var pcaScore = EmpiricalCalibration.Apply(pcaCalibration, pcaRaw);
        var rarityScore = EmpiricalCalibration.Apply(rarityCalibration, RawRarity(window));
        double? sup = supervisedEngine is null ? null : supervisedEngine.Predict(row).Probability;
        var score = Math.Max(pcaScore, rarityScore);
        return new WindowScore(window, score, pcaScore, rarityScore, sup, Reasons(window, vector, pcaScore, rarityScore));
    }

    /// <summary>The raw rarity/novelty of a window: rarest template, share of unseen values, rarity of the hour.</summary>
    private double RawRarity(EventWindow w)
    {
        var maxBits = Features.Surprisal(-1);
        var maxTemplate = w.TemplateCounts.Keys.Select(t => Features.WindowSurprisal(w, t)).DefaultIfEmpty(0).Max();
        var unseen = w.Values.Count == 0 ? 0 : (double)w.Values.Count(v => !Features.IsKnownValue(v)) / w.Values.Count;
        var hour = Features.HourSurprisal(w.Start.UtcDateTime.Hour) / Math.Log2(Features.State.Windows + 24.0);
        return (0.6 * maxTemplate / maxBits) + (0.25 * unseen) + (0.15 * hour);
    }

    private List<string> Reasons(EventWindow w, float[] vector, double pcaScore, double rarityScore)
    {
        var reasons = new List<(double Weight, string Text)>();
        var t = Features.State.Templates.Count;
        foreach (var (template, count) in w.TemplateCounts)
        {
            var text = w.TemplateTexts.GetValueOrDefault(template, "?");
            if (template < 0)
            {
                reasons.Add((100 + count, $"{count}× a message type never seen in the baseline: \"{Shorten(text)}\""));
            }
            else if (Features.State.Counts[template] <= Math.Max(1, Features.State.TotalEvents / 10_000))
            {
                reasons.Add((50 + count, string.Create(CultureInfo.InvariantCulture, $"{count}× a message type seen only {Features.State.Counts[template]} time(s) in {Features.State.TotalEvents} baseline events: \"{Shorten(text)}\"")));
            }
        }

        for (var j = 0; j < vector.Length; j++)
        {
            if (vector[j] > 3 && j != t + 7 && j != t + 8)
            {
                var what = j < t ? $"more \"{Shorten(Features.State.Templates[j])}\" messages than usual" : $"{FeatureSpace.SummaryNames[j - t]} higher than usual";
                var how = vector[j] >= 100 ? "more than 100" : vector[j].ToString("F1", CultureInfo.InvariantCulture);
                reasons.Add((10 + vector[j], $"{what} ({how} standard deviations above the baseline)"));
            }
        }

        var unseen = w.Values.Count(v => !Features.IsKnownValue(v));
        if (unseen > 0 && unseen * 2 >= w.Values.Count)
        {
            reasons.Add((5 + unseen, $"{unseen} of {w.Values.Count} values never seen in the baseline"));
        }

        var hour = w.Start.UtcDateTime.Hour;
        if (Features.State.HourCounts[hour] * 24L * 4 < Features.State.Windows)
        {
            reasons.Add((4, string.Create(CultureInfo.InvariantCulture, $"activity at {hour:00}h UTC, an hour with {Features.State.HourCounts[hour]} of {Features.State.Windows} baseline windows")));
        }

        if (reasons.Count == 0)
        {
            reasons.Add((0, pcaScore >= rarityScore
                ? "unusual mix of message types for this entity (PCA reconstruction error)"
                : "nothing stands out: the window resembles the baseline"));
        }

        return reasons.OrderByDescending(r => r.Weight).Take(5).Select(r => r.Text).ToList();
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";

    /// <summary>Saves the model to a zip file (written to a temporary file, then moved into place).</summary>
    /// <param name="path">The file.</param>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = File.Create(temp))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                var manifest = new ModelManifest
                {
                    SchemaVersion = SchemaVersion,
                    Options = Options,
                    Features = Features.State,
                    PcaCalibration = pcaCalibration,
                    RarityCalibration = rarityCalibration,
                    HasSupervised = supervised is not null,
                };
                using (var s = zip.CreateEntry("manifest.json").Open())
                {
                    JsonSerializer.Serialize(s, manifest, Json);
                }

                using (var s = zip.CreateEntry("values.bin").Open())
                {
                    var buffer = new byte[8];
                    foreach (var v in Features.State.KnownValues)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(buffer, v);
                        s.Write(buffer);
                    }
                }

                var schema = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), FeatureRow.Schema(Features.Dimension)).Schema;
                using (var s = zip.CreateEntry("pca.zip").Open())
                {
                    ml.Model.Save(pca, schema, s);
                }

                if (supervised is not null)
                {
                    using var s = zip.CreateEntry("supervised.zip").Open();
                    ml.Model.Save(supervised, schema, s);
                }
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="SecurityKitException">When the file is not a model of this schema version.</exception>
    public static LogAnomalyModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifestEntry = zip.GetEntry("manifest.json") ?? throw new SecurityKitException("not a log model: manifest.json missing", name);
            ModelManifest manifest;
            using (var s = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<ModelManifest>(s, Json) ?? throw new SecurityKitException("log model manifest is empty", name);
            }

            if (manifest.SchemaVersion != SchemaVersion)
            {
                throw new SecurityKitException($"log model schema version {manifest.SchemaVersion} is not supported (expected {SchemaVersion})", name);
            }

            var values = new List<ulong>();
            using (var s = (zip.GetEntry("values.bin") ?? throw new SecurityKitException("log model values.bin missing", name)).Open())
            {
                var buffer = new byte[8];
                while (s.ReadAtLeast(buffer, 8, throwOnEndOfStream: false) == 8)
                {
                    values.Add(BinaryPrimitives.ReadUInt64LittleEndian(buffer));
                }
            }

            manifest.Features.KnownValues = [.. values];
            var ml = new MLContext(1);
            var pca = LoadTransformer(ml, zip, "pca.zip", name) ?? throw new SecurityKitException("log model pca.zip missing", name);
            var supervised = manifest.HasSupervised ? LoadTransformer(ml, zip, "supervised.zip", name) : null;
            var features = new FeatureSpace(manifest.Features);
            if (features.State.Mean.Length != features.Dimension || features.State.Std.Length != features.Dimension)
            {
                throw new SecurityKitException("log model feature statistics do not match its templates", name);
            }

            return new LogAnomalyModel(ml, manifest.Options, features, pca, manifest.PcaCalibration, manifest.RarityCalibration, supervised);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or InvalidOperationException or FormatException)
        {
            throw new SecurityKitException("not a readable log model: " + e.GetType().Name, name, e);
        }
    }

    private static ITransformer? LoadTransformer(MLContext ml, ZipArchive zip, string entry, string name)
    {
        var e = zip.GetEntry(entry);
        if (e is null)
        {
            return null;
        }

        // ML.NET needs a seekable stream.
        using var buffer = new MemoryStream();
        using (var s = e.Open())
        {
            s.CopyTo(buffer);
        }

        buffer.Position = 0;
        return ml.Model.Load(buffer, out _) ?? throw new SecurityKitException($"log model {entry} is empty", name);
    }

    private sealed class ModelManifest
    {
        public int SchemaVersion { get; set; }

        public LogScoringOptions Options { get; set; } = new();

        public FeatureState Features { get; set; } = new();

        public double[] PcaCalibration { get; set; } = [];

        public double[] RarityCalibration { get; set; } = [];

        public bool HasSupervised { get; set; }
    }
}
