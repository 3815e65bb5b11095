namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>One row of <c>declarations.csv</c>: an employer's quarterly social-security declaration.</summary>
/// <param name="Employer">Index of the employer in <see cref="EmployerRiskData.Employers"/>.</param>
/// <param name="Quarter">The declared quarter.</param>
/// <param name="Workers">Headcount at quarter end.</param>
/// <param name="Fte">Full-time equivalents.</param>
/// <param name="GrossWagesEur">Gross wages of the quarter, in euro.</param>
/// <param name="ContributionsDueEur">Social-security contributions due, in euro.</param>
/// <param name="ContributionsPaidEur">Contributions paid, in euro.</param>
/// <param name="Hires">Hires during the quarter.</param>
/// <param name="Exits">Exits during the quarter.</param>
/// <param name="StudentDays">Days of student work declared in the quarter.</param>
public readonly record struct Declaration(
    int Employer,
    Quarter Quarter,
    double Workers,
    double Fte,
    double GrossWagesEur,
    double ContributionsDueEur,
    double ContributionsPaidEur,
    double Hires,
    double Exits,
    double StudentDays);
