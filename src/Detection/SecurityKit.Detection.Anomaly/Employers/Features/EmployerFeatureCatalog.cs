namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// The features computed for every employer, in model order. Ratios to peers compare an employer with employers of
/// the same NACE activity and size class (falling back to the NACE division, then to the size class, when a group
/// has fewer than <see cref="EmployerFeatureBuilder.MinimumPeers"/> members), so that low-wage or seasonal sectors are
/// not mistaken for fraud. Changing this list changes <see cref="EmployerRiskModel.SchemaVersion"/>.
/// </summary>
public static class EmployerFeatureCatalog
{
    /// <summary>Number of features.</summary>
    public const int Count = 39;

#pragma warning disable CS1591 // Feature indices: their meaning is in All.
    public const int LogMeanWorkers = 0;
    public const int WorkersTrend = 1;
    public const int WorkersVolatility = 2;
    public const int MaxHeadcountJump = 3;
    public const int FtePerWorker = 4;
    public const int FtePerWorkerVsPeers = 5;
    public const int WagesPerFte = 6;
    public const int WagesPerFteVsPeers = 7;
    public const int WagesPerWorkerVsPeers = 8;
    public const int WagesPerFteVolatility = 9;
    public const int UnpaidRatio = 10;
    public const int UnpaidRatioLastYear = 11;
    public const int UnpaidTrend = 12;
    public const int ArrearsQuarterShare = 13;
    public const int ContributionRateVsPeers = 14;
    public const int ChurnRate = 15;
    public const int ChurnVsPeers = 16;
    public const int HiresPerWorker = 17;
    public const int StudentDaysPerWorker = 18;
    public const int StudentDaysVsPeers = 19;
    public const int StudentYearRound = 20;
    public const int CompanyAgeYears = 21;
    public const int IsClosed = 22;
    public const int ClosedByBankruptcy = 23;
    public const int DeclarationGapShare = 24;
    public const int DirectorCount = 25;
    public const int DirectorsLinkedToBankruptcies = 26;
    public const int LinkedBankruptcies = 27;
    public const int DirectorOtherEmployers = 28;
    public const int WorkersFromBankruptEmployers = 29;
    public const int WorkersSharedWithDirectorLinked = 30;
    public const int WorkersFromClosingEmployer = 31;
    public const int AddressEmployers = 32;
    public const int AddressSharedDirectors = 33;
    public const int ShortStintShare = 34;
    public const int CreatedNearDirectorBankruptcy = 35;
    public const int LinkedWorkersVsDeclared = 36;
    public const int LegalForm = 37;
    public const int NaceDivision = 38;
#pragma warning restore CS1591

    /// <summary>All features, indexed by the constants of this class.</summary>
    public static IReadOnlyList<EmployerFeature> All { get; } =
    [
        new("log_mean_workers", "log(1 + mean headcount over declared quarters)", 0),
        new("workers_trend", "slope of log(1 + headcount) per year", 0),
        new("workers_volatility", "coefficient of variation of headcount over quarters", 1),
        new("max_headcount_jump", "largest quarter-to-quarter change of log(1 + headcount)", 1),
        new("fte_per_worker", "FTE per worker over the period", -1),
        new("fte_per_worker_vs_peers", "FTE per worker divided by the peer median", -1),
        new("wages_per_fte", "gross wages per FTE per quarter, euro", -1),
        new("wages_per_fte_vs_peers", "wages per FTE divided by the peer median", -1),
        new("wages_per_worker_vs_peers", "wages per worker divided by the peer median", -1),
        new("wages_per_fte_volatility", "coefficient of variation of wages per FTE over quarters", 1),
        new("unpaid_ratio", "share of contributions due left unpaid over the period", 1),
        new("unpaid_ratio_last_year", "share of contributions due left unpaid in the last four declared quarters", 1),
        new("unpaid_trend", "unpaid share of the last four quarters minus that of the first four", 1),
        new("arrears_quarter_share", "share of declared quarters with more than 5 % unpaid", 1),
        new("contribution_rate_vs_peers", "contributions due per euro of wages divided by the peer median", -1),
        new("churn_rate", "(hires + exits) per average worker per year", 1),
        new("churn_vs_peers", "churn rate relative to the peer median", 1),
        new("hires_per_worker", "hires per average worker per year", 1),
        new("student_days_per_worker", "student days per worker per quarter", 1),
        new("student_days_vs_peers", "student days per worker relative to the peer median", 1),
        new("student_year_round", "student days of the quietest quarter relative to the average quarter", 1),
        new("company_age_years", "age at the end of the declared period, years (−1 unknown)", -1),
        new("is_closed", "1 when the employer is closed", 0),
        new("closed_by_bankruptcy", "1 when closed by a bankruptcy", 1),
        new("declaration_gap_share", "share of quarters without a declaration while active", 1),
        new("director_count", "number of directors ever linked", 0),
        new("directors_linked_to_bankruptcies", "directors who also direct(ed) another employer closed by bankruptcy", 1),
        new("linked_bankruptcies", "distinct other employers closed by bankruptcy that share a director", 1),
        new("director_other_employers", "distinct other employers that share a director", 1),
        new("workers_from_bankrupt_employers", "share of workers also linked to an employer closed by bankruptcy", 1),
        new("workers_shared_with_director_linked", "share of workers also linked to an employer sharing a director", 1),
        new("workers_from_closing_employer", "share of hires that left an employer closing within six months, shortly before", 1),
        new("address_employers", "log(number of employers at the registered address)", 1),
        new("address_shared_directors", "other employers at the same address that share a director", 1),
        new("short_stint_share", "share of worker links that ended within a year", 1),
        new("created_near_director_bankruptcy", "1 when created within a year of a bankruptcy of an employer sharing a director", 1),
        new("linked_workers_vs_declared", "worker links active at the end of the last declared quarter per declared worker", 0),
        new("legal_form", "legal form code (SRL 1, SA 2, SC 3, SNC 4, ASBL 5, PP 6, other 0)", 0),
        new("nace_division", "NACE division (first two digits)", 0),
    ];

    /// <summary>The legal-form code used by <see cref="LegalForm"/>.</summary>
    /// <param name="legalForm">The legal form as in employers.csv.</param>
    /// <returns>The code.</returns>
    public static int LegalFormCode(string legalForm) => legalForm switch
    {
        "SRL" or "BV" or "SPRL" or "BVBA" => 1,
        "SA" or "NV" => 2,
        "SC" or "CV" => 3,
        "SNC" or "VOF" => 4,
        "ASBL" or "VZW" => 5,
        "PP" => 6,
        _ => 0,
    };
}
