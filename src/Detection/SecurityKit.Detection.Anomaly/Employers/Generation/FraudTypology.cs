namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>The fraud schemes the synthetic-data generator plants (documented in docs/employer-risk.md).</summary>
public enum FraudTypology
{
    /// <summary>An honest employer.</summary>
    None = 0,

    /// <summary>A company accumulates unpaid contributions, goes bankrupt, and its directors and workers reappear in a new company.</summary>
    Phoenix,

    /// <summary>Declared workers without real activity, hired in waves for a few quarters to open benefit rights.</summary>
    FictitiousEmployment,

    /// <summary>Wages per FTE or hours far below the sector's: part-time declared for full-time work, or wages below scale.</summary>
    UnderDeclaredWages,

    /// <summary>Many young employers at one address with shared directors and workers rotating between them.</summary>
    LetterboxCluster,

    /// <summary>Student work all year round replacing regular employment.</summary>
    ShamStudentWork,
}

/// <summary>Honest profiles the generator adds because they look like a fraud typology on one signal.</summary>
public enum HonestLookalike
{
    /// <summary>No particular look-alike profile.</summary>
    None = 0,

    /// <summary>A legitimately seasonal employer (agriculture, hotels, restaurants).</summary>
    Seasonal,

    /// <summary>A young company growing fast, with many hires.</summary>
    YoungGrowing,

    /// <summary>An honest employer with temporary payment arrears.</summary>
    LatePayer,

    /// <summary>An honest bankruptcy (payment arrears before, workers scatter after).</summary>
    HonestBankruptcy,

    /// <summary>An employer domiciled at a business centre shared with many unrelated employers.</summary>
    DomiciliationAddress,

    /// <summary>A member of an honest group of companies with shared directors.</summary>
    GroupWithSharedDirectors,

    /// <summary>An employer with much legitimate part-time work or student work for its sector.</summary>
    PartTimeOrStudentHeavy,
}
