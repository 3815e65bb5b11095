namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>The result of <see cref="EmployerRiskEvaluation.Run"/>.</summary>
/// <param name="Markdown">The report as Markdown tables.</param>
/// <param name="Metrics">Every measured row.</param>
public sealed record EmployerRiskEvaluationReport(string Markdown, IReadOnlyList<EmployerRiskMetrics> Metrics);

/// <summary>Metrics of one ranking on one test set.</summary>
/// <param name="TestSet">Which employers were ranked.</param>
/// <param name="Ranking">Which ranking.</param>
/// <param name="AveragePrecision">Average precision (area under the precision–recall curve).</param>
/// <param name="PrecisionAt1">Precision at k = 1 % of the test set.</param>
/// <param name="PrecisionAt5">Precision at k = 5 % of the test set.</param>
public sealed record EmployerRiskMetrics(string TestSet, string Ranking, double AveragePrecision, double PrecisionAt1, double PrecisionAt5);
