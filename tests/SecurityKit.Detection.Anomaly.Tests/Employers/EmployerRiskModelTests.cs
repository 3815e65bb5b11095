using System.IO.Compression;
using System.Text.Json.Nodes;
using SecurityKit.Detection.Anomaly.Employers;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Anomaly.Tests.Employers;

public sealed class EmployerRiskModelTests : IClassFixture<GeneratedDataFixture>
{
    private readonly GeneratedDataFixture _fixture;

    public EmployerRiskModelTests(GeneratedDataFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void Every_employer_is_ranked_once_with_a_risk_between_0_and_1()
    {
        var scores = _fixture.Scores;

        Assert.Equal(_fixture.Data.Employers.Select(e => e.EmployerId).Order(), scores.Select(s => s.EmployerId).Order());
        Assert.Equal(Enumerable.Range(1, scores.Count), scores.Select(s => s.Rank));
        Assert.All(scores, s => Assert.InRange(s.Risk, 0, 1));
        Assert.True(scores.Zip(scores.Skip(1)).All(p => p.First.Risk >= p.Second.Risk));
    }

    [Fact]
    public void The_model_beats_the_baselines_on_never_inspected_employers()
    {
        var truth = _fixture.Truth();
        var inspected = _fixture.Data.Inspections.Select(i => _fixture.Data.Employers[i.Employer].EmployerId).ToHashSet();
        var never = _fixture.Scores.Where(s => !inspected.Contains(s.EmployerId)).ToList();
        var outcomes = never.Select(s => truth[s.EmployerId].Fraud).ToArray();
        var index = Enumerable.Range(0, _fixture.Data.Employers.Count).ToDictionary(e => _fixture.Data.Employers[e].EmployerId);
        var unpaid = never.Select(s => (double)_fixture.Features[index[s.EmployerId], EmployerFeatureCatalog.UnpaidRatio]).Select(v => double.IsNaN(v) ? 0 : v).ToArray();
        var prevalence = outcomes.Count(o => o) / (double)outcomes.Length;

        var model = RankingMetrics.AveragePrecision([.. never.Select(s => s.Risk)], outcomes);
        var baseline = RankingMetrics.AveragePrecision(unpaid, outcomes);

        Assert.True(model > baseline, $"model AP {model:0.000} vs unpaid-ratio AP {baseline:0.000}");
        Assert.True(model > 5 * prevalence, $"model AP {model:0.000} vs random {prevalence:0.000}");
    }

    [Fact]
    public void The_time_ordered_evaluation_beats_the_random_baseline()
    {
        var report = EmployerRiskEvaluation.Run(_fixture.Folder, options: new EmployerRiskTrainingOptions { Trees = 60 });

        var heldOut = report.Metrics.Where(m => m.TestSet == "held-out inspections").ToList();
        var model = heldOut.Single(m => m.Ranking.StartsWith("combined", StringComparison.Ordinal));
        var random = heldOut.Single(m => m.Ranking.StartsWith("baseline: random", StringComparison.Ordinal));
        Assert.True(model.AveragePrecision > random.AveragePrecision + 0.1, report.Markdown);
        Assert.Contains("| baseline: unpaid-contributions ratio |", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_ranked_employers_get_specific_reasons()
    {
        var top = _fixture.Scores.Take(50).ToList();

        Assert.All(top, s => Assert.NotEmpty(s.Reasons));
        Assert.All(top, s => Assert.DoesNotContain("no single strong signal", s.Reasons[0], StringComparison.Ordinal));
        Assert.Contains(top, s => s.Reasons.Any(r => r.Contains("unpaid", StringComparison.Ordinal)));
        Assert.Contains(top, s => s.Reasons.Any(r => r.Contains("director", StringComparison.Ordinal) || r.Contains("workers", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_wage_reason_quotes_the_gap_to_the_sector_median_in_percent()
    {
        var reasons = _fixture.Scores.SelectMany(s => s.Reasons).Where(r => r.StartsWith("wages per FTE", StringComparison.Ordinal) && r.EndsWith("median", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Matches(@"^wages per FTE \d+ % (below|above) the sector median$", r));
    }

    [Fact]
    public void A_saved_model_scores_like_the_trained_one()
    {
        var path = _fixture.TempFile("roundtrip.zip");
        _fixture.Model.Save(path);

        var loaded = EmployerRiskModel.Load(path).Score(_fixture.Data, _fixture.Features);

        Assert.Equal(_fixture.Scores.Select(s => (s.EmployerId, Math.Round(s.Risk, 6))), loaded.Select(s => (s.EmployerId, Math.Round(s.Risk, 6))));
        Assert.Equal(_fixture.Scores[0].Reasons, loaded[0].Reasons);
    }

    [Fact]
    public void A_model_file_of_another_schema_version_is_refused()
    {
        var path = _fixture.TempFile("old-schema.zip");
        _fixture.Model.Save(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("manifest.json")!;
            JsonNode manifest;
            using (var stream = entry.Open())
            {
                manifest = JsonNode.Parse(stream)!;
            }

            manifest["SchemaVersion"] = "securitykit-employer-risk/0";
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            writer.Write(manifest.ToJsonString());
        }

        var error = Assert.Throws<SecurityKitException>(() => EmployerRiskModel.Load(path));

        Assert.Contains("schema version 'securitykit-employer-risk/0' is not supported", error.Message, StringComparison.Ordinal);
        Assert.Equal("old-schema.zip, manifest.json, SchemaVersion", error.Location);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused()
    {
        var path = _fixture.TempFile("not-a-model.zip");
        File.WriteAllText(path, "employer_id,risk\n");

        var error = Assert.Throws<SecurityKitException>(() => EmployerRiskModel.Load(path));

        Assert.Equal("not-a-model.zip", error.Location);
    }

    [Fact]
    public void The_ranking_file_follows_the_contract()
    {
        var path = _fixture.TempFile("ranking.csv");

        RankingFile.Write(path, _fixture.Scores);

        var lines = File.ReadAllLines(path);
        Assert.Equal("employer_id,risk,rank,reasons", lines[0]);
        Assert.Equal(_fixture.Data.Employers.Count + 1, lines.Length);
        Assert.Matches(@"^\d{10},(0|1)\.\d{6},1,.+$", lines[1]);
    }

    [Fact]
    public void Without_fraud_outcomes_the_ranking_falls_back_to_unusualness()
    {
        using var folder = new TemporaryDirectory();
        EmployerRiskDataGenerator.Generate(new EmployerRiskGeneratorOptions { Employers = 400, Seed = 3 }, folder.Path);
        File.WriteAllText(folder.File("inspections.csv"), "employer_id,inspected_on,outcome,typology\n");
        var data = EmployerRiskDataLoader.Load(folder.Path);

        var model = EmployerRiskModel.Train(data);
        var scores = model.Score(data);

        Assert.False(model.HasSupervisedModel);
        Assert.Equal(400, scores.Count);
        Assert.All(scores, s => Assert.InRange(s.Risk, 0, 1));
    }
}
