using Microsoft.ML.Data;

namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>An employer's features as ML.NET reads them.</summary>
internal sealed class FeatureRow
{
    [VectorType(EmployerFeatureCatalog.Count)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;
}

/// <summary>The supervised model's output per employer: raw score and per-feature contributions to it.</summary>
internal sealed class SupervisedOutput
{
    public float Score { get; set; }

    [VectorType(EmployerFeatureCatalog.Count)]
    public float[] FeatureContributions { get; set; } = [];
}

/// <summary>The anomaly model's output per employer.</summary>
internal sealed class AnomalyOutput
{
    public float Score { get; set; }
}
