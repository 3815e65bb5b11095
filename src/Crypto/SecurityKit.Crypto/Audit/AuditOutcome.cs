namespace SecurityKit.Audit;

/// <summary>How an audited operation ended.</summary>
public enum AuditOutcome
{
    /// <summary>The operation was carried out.</summary>
    Succeeded,

    /// <summary>The caller was refused (missing scope, missing purpose, rate limit).</summary>
    Denied,

    /// <summary>The operation was attempted and failed (bad input, unavailable dependency).</summary>
    Failed,
}
