namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>Settings of <see cref="EmployerRiskDataGenerator"/>.</summary>
public sealed record EmployerRiskGeneratorOptions
{
    /// <summary>Number of employers to generate (at least 20).</summary>
    public int Employers { get; init; } = 10_000;

    /// <summary>Seed of the pseudo-random generator: the same seed and settings give the same files.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of declared quarters, ending with <see cref="LastQuarter"/>.</summary>
    public int Quarters { get; init; } = 12;

    /// <summary>The last declared quarter.</summary>
    public Quarter LastQuarter { get; init; } = new(2024, 4);

    /// <summary>Share of employers that were inspected at least once.</summary>
    public double InspectedShare { get; init; } = 0.04;
}
