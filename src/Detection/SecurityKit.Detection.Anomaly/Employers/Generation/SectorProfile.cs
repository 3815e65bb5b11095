namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// How employers of one NACE-BEL activity look in the synthetic data: share of employers, size, wages, part-time
/// work, churn, seasonality and student work. Figures are round orders of magnitude for Belgium (gross wages per FTE
/// per quarter, not survey values); they make peers differ so that the model must compare an employer with its own
/// sector rather than with everyone.
/// </summary>
internal sealed record SectorProfile(
    string NaceCode,
    string Name,
    double Share,
    double SizeMu,
    double WagesPerFteQuarter,
    double FtePerWorker,
    double AnnualChurn,
    double Seasonality,
    int PeakQuarter,
    double StudentDaysPerWorker,
    double InspectionFocus,
    bool NonProfit)
{
    public static readonly SectorProfile[] All =
    [
        new("41201", "construction of residential buildings", 0.10, 1.0, 10_500, 0.95, 0.35, 0.05, 3, 0.2, 2.5, false),
        new("43320", "joinery installation", 0.06, 0.7, 10_200, 0.95, 0.30, 0.05, 3, 0.2, 2.0, false),
        new("56101", "restaurants", 0.10, 1.1, 7_600, 0.62, 0.70, 0.25, 3, 5.0, 2.5, false),
        new("55100", "hotels", 0.02, 1.8, 8_100, 0.75, 0.60, 0.40, 3, 4.0, 1.5, false),
        new("47111", "supermarkets and general retail", 0.08, 1.5, 8_700, 0.60, 0.40, 0.05, 4, 4.0, 0.8, false),
        new("81210", "general cleaning of buildings", 0.05, 1.4, 7_300, 0.55, 0.55, 0.02, 3, 0.5, 2.2, false),
        new("49410", "road freight transport", 0.06, 1.2, 9_900, 0.95, 0.35, 0.03, 4, 0.2, 2.0, false),
        new("01130", "growing of vegetables", 0.03, 0.9, 7_400, 0.85, 0.50, 0.60, 2, 3.0, 1.5, false),
        new("62010", "computer programming", 0.07, 1.1, 16_500, 0.92, 0.18, 0.02, 1, 0.5, 0.3, false),
        new("69201", "accountancy", 0.05, 0.9, 13_500, 0.85, 0.15, 0.02, 1, 0.4, 0.3, false),
        new("78200", "temporary employment agencies", 0.02, 2.6, 8_800, 0.70, 1.60, 0.10, 3, 1.0, 1.2, false),
        new("86210", "general medical practice", 0.05, 0.5, 12_000, 0.75, 0.15, 0.01, 1, 0.1, 0.2, false),
        new("85200", "primary education", 0.04, 2.2, 11_400, 0.80, 0.12, 0.02, 3, 0.1, 0.2, true),
        new("88101", "social work for the elderly", 0.05, 1.8, 9_900, 0.70, 0.25, 0.02, 3, 0.3, 0.4, true),
        new("10711", "bakeries", 0.05, 1.0, 8_400, 0.80, 0.35, 0.05, 4, 1.5, 1.0, false),
        new("45201", "car maintenance and repair", 0.06, 0.8, 9_900, 0.95, 0.25, 0.02, 2, 0.5, 1.0, false),
        new("96021", "hairdressing", 0.05, 0.4, 7_000, 0.70, 0.35, 0.03, 4, 0.8, 1.2, false),
        new("46900", "non-specialised wholesale", 0.06, 1.2, 12_600, 0.92, 0.22, 0.03, 4, 0.4, 0.6, false),
    ];

    public static SectorProfile Pick(Random random)
    {
        var u = random.NextDouble() * All.Sum(s => s.Share);
        foreach (var sector in All)
        {
            u -= sector.Share;
            if (u <= 0)
            {
                return sector;
            }
        }

        return All[^1];
    }

    /// <summary>Whether fraud schemes built on cheap labour (phoenix, under-declaration, sham students) favour this sector.</summary>
    public bool LabourIntensive => NaceCode is "41201" or "43320" or "56101" or "81210" or "49410" or "01130" or "10711" or "96021" or "55100";
}
