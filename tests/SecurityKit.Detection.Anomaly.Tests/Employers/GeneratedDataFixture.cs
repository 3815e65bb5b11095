using SecurityKit.Detection.Anomaly.Employers;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Anomaly.Tests.Employers;

/// <summary>One generated data folder and a model trained on it, shared by the tests of a class.</summary>
public sealed class GeneratedDataFixture : IDisposable
{
    public const int Employers = 4000;

    private readonly TemporaryDirectory _directory = new("sk-risk");

    public GeneratedDataFixture()
    {
        Summary = EmployerRiskDataGenerator.Generate(new EmployerRiskGeneratorOptions { Employers = Employers, Seed = 11, InspectedShare = 0.08 }, Folder);
        Data = EmployerRiskDataLoader.Load(Folder);
        Features = EmployerFeatureBuilder.Build(Data);
        Model = EmployerRiskModel.Train(Data, Features, new EmployerRiskTrainingOptions { Trees = 80 });
        Scores = Model.Score(Data, Features);
    }

    public string Folder => _directory.Path;

    public EmployerRiskGenerationSummary Summary { get; }

    public EmployerRiskData Data { get; }

    public EmployerFeatureMatrix Features { get; }

    public EmployerRiskModel Model { get; }

    public IReadOnlyList<EmployerRiskScore> Scores { get; }

    public string TempFile(string name) => _directory.File(name);

    public Dictionary<string, (bool Fraud, string Typology, string Lookalike)> Truth() =>
        File.ReadLines(Path.Combine(Folder, EmployerRiskDataGenerator.GroundTruthFile)).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => (p[1] == "1", p[2], p[3]), StringComparer.Ordinal);

    public void Dispose() => _directory.Dispose();
}
