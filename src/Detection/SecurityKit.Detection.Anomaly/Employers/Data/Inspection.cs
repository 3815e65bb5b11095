namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>One row of <c>inspections.csv</c>: a past inspection and its outcome.</summary>
/// <param name="Employer">Index of the employer in <see cref="EmployerRiskData.Employers"/>.</param>
/// <param name="InspectedOn">Date of the inspection.</param>
/// <param name="Fraud">Whether the outcome was <c>fraud</c> (otherwise <c>no_fraud</c>).</param>
/// <param name="Typology">The typology the inspector recorded (free text, may be empty).</param>
public readonly record struct Inspection(int Employer, DateOnly InspectedOn, bool Fraud, string Typology);
