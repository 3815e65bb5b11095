namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// One feature of an employer: its name in the model, what it measures, and the direction in which it raises risk
/// (+1 higher is riskier, −1 lower is riskier, 0 no prior direction). The direction is only used by the unsupervised
/// anomaly score, which looks at one-sided deviations from the population; the supervised model learns its own.
/// </summary>
/// <param name="Name">Stable identifier, stored in model files.</param>
/// <param name="Description">What the feature measures, for the model card.</param>
/// <param name="RiskDirection">+1, −1 or 0.</param>
public sealed record EmployerFeature(string Name, string Description, int RiskDirection);
