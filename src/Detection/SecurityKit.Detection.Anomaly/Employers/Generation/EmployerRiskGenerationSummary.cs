namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>What <see cref="EmployerRiskDataGenerator.Generate"/> wrote.</summary>
/// <param name="Employers">Rows of employers.csv.</param>
/// <param name="Declarations">Rows of declarations.csv.</param>
/// <param name="PersonLinks">Rows of person_links.csv.</param>
/// <param name="Persons">Distinct persons.</param>
/// <param name="Inspections">Rows of inspections.csv.</param>
/// <param name="FraudInspections">Inspections with outcome fraud.</param>
/// <param name="PlantedByTypology">Employers per planted typology.</param>
public sealed record EmployerRiskGenerationSummary(
    int Employers,
    long Declarations,
    int PersonLinks,
    int Persons,
    int Inspections,
    int FraudInspections,
    IReadOnlyDictionary<FraudTypology, int> PlantedByTypology);
