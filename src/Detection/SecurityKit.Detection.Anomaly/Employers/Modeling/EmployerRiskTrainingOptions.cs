namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>Settings of the training of an <see cref="EmployerRiskModel"/>.</summary>
public sealed record EmployerRiskTrainingOptions
{
    /// <summary>Only inspections on or before this date are used as labels (time-ordered evaluation); all when null.</summary>
    public DateOnly? LabelsUntil { get; init; }

    /// <summary>Seed of ML.NET and of the sampling of never-inspected employers.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of boosted trees.</summary>
    public int Trees { get; init; } = 150;

    /// <summary>
    /// Weight of never-inspected employers, used as presumed-honest examples, relative to the inspected ones (total
    /// weight). They show the model what ordinary employers look like, which inspected ones — chosen because they
    /// looked suspicious — cannot.
    /// </summary>
    public double NeverInspectedWeight { get; init; } = 1.0;

    /// <summary>Largest number of never-inspected employers sampled into training.</summary>
    public int MaxNeverInspectedSample { get; init; } = 30_000;
}
