namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>The risk of one employer, with the reasons an analyst reads.</summary>
/// <param name="EmployerId">The KBO/BCE number from employers.csv.</param>
/// <param name="Risk">Combined risk in [0, 1] (see docs/employer-risk.md, "Combined ranking").</param>
/// <param name="Rank">1 for the highest risk.</param>
/// <param name="SupervisedProbability">Calibrated probability that an inspection finds fraud.</param>
/// <param name="Unusualness">Percentile of the one-sided anomaly score in the population, in [0, 1].</param>
/// <param name="Reasons">Reasons in words, most important first.</param>
public sealed record EmployerRiskScore(string EmployerId, double Risk, int Rank, double SupervisedProbability, double Unusualness, IReadOnlyList<string> Reasons);
