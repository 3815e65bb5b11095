namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>The generator's working state for one employer, before it is written out.</summary>
internal sealed class SyntheticEmployer
{
    public required int Index { get; init; }

    public required SectorProfile Sector { get; set; }

    public string LegalForm { get; set; } = "SRL";

    public DateOnly CreatedOn { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public string ClosureReason { get; set; } = string.Empty;

    public string Postcode { get; set; } = "1000";

    public long AddressId { get; set; }

    public double BaseSize { get; set; }

    public double AnnualGrowth { get; set; }

    public double FtePerWorker { get; set; }

    public double WageFactor { get; set; }

    public double ChurnFactor { get; set; } = 1;

    public double StudentFactor { get; set; } = 1;

    /// <summary>Regular student days per quarter all year round (sham student work).</summary>
    public double StudentDaysFloor { get; set; }

    /// <summary>Share of contributions left unpaid, per quarter offset in the window.</summary>
    public double[] Unpaid { get; set; } = [];

    /// <summary>Planned length in quarters of each worker's stay (fictitious employment), or 0 for ordinary churn.</summary>
    public int PlannedStayQuarters { get; set; }

    public List<int> Directors { get; } = [];

    /// <summary>Employers whose workers this employer hires first (phoenix successor, letterbox siblings, group members).</summary>
    public List<int> HiresFrom { get; } = [];

    /// <summary>Share of hires taken from <see cref="HiresFrom"/>.</summary>
    public double TransferShare { get; set; }

    public FraudTypology Typology { get; set; }

    public HonestLookalike Lookalike { get; set; }

    public double[] Workers { get; set; } = [];

    public double[] Hires { get; set; } = [];

    public double[] Exits { get; set; } = [];

    public List<int> CurrentWorkers { get; } = [];

    public int FirstQuarter { get; set; }

    public int LastQuarter { get; set; }

    public bool IsActiveIn(int offset) => offset >= FirstQuarter && offset <= LastQuarter;
}
