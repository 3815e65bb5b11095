namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>What an employer-risk model file holds besides the two ML.NET models (stored as manifest.json).</summary>
internal sealed record ModelManifest
{
    public string SchemaVersion { get; init; } = string.Empty;

    public string[] FeatureNames { get; init; } = [];

    public bool HasSupervisedModel { get; init; }

    public double PlattA { get; init; }

    public double PlattB { get; init; }

    public double UnusualnessWeight { get; init; }

    public float[] Medians { get; init; } = [];

    public float[] Scales { get; init; } = [];

    public float[] PcaQuantiles { get; init; } = [];

    public float[] DistanceQuantiles { get; init; } = [];

    public int TrainingEmployers { get; init; }

    public int InspectedEmployers { get; init; }

    public int FraudEmployers { get; init; }

    public string? LabelsUntil { get; init; }
}
