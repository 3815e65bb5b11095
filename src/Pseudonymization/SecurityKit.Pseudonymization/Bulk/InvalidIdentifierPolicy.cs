namespace SecurityKit.Pseudonymization.Bulk;

/// <summary>What bulk pseudonymisation does with an invalid identifier. The original value is never passed through.</summary>
public enum InvalidIdentifierPolicy
{
    /// <summary>Stop with an error naming the line (row and column for CSV) and the rule broken.</summary>
    Fail,

    /// <summary>Line mode: write an empty line instead (keeps line N of the output aligned with line N of the input). CSV: leave the row out.</summary>
    Skip,

    /// <summary>Write a marker <c>#INVALID(rule)</c> instead of the value.</summary>
    Mark,
}
