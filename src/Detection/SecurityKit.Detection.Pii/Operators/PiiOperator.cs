namespace SecurityKit.Detection.Pii.Operators;

/// <summary>What to put in place of a detected entity.</summary>
public enum PiiOperator
{
    /// <summary>A typed placeholder, stable within a conversation (<c>&lt;PERSON_1&gt;</c>), restorable from the vault.</summary>
    Placeholder,

    /// <summary>The type in brackets (<c>[PERSON]</c>); not restorable.</summary>
    Redact,

    /// <summary>Every letter and digit replaced by <c>*</c>, separators kept; not restorable.</summary>
    Mask,

    /// <summary>
    /// A format-preserving pseudonym from SecurityKit.Pseudonymization (FF1) for NATIONAL_NUMBER, ENTERPRISE_NUMBER and
    /// IBAN: the answer still looks like an identifier to the model, and the vault restores it. Other types, and
    /// types without a configured pseudonymiser, get a placeholder.
    /// </summary>
    Pseudonym,

    /// <summary>A keyed hash (HMAC-SHA256, first 16 hex digits) tagged with the type: the same value always gives the same tag.</summary>
    Hash,
}
