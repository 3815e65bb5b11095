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

    /// <summary>A keyed hash (HMAC-SHA256, first 16 hex digits) tagged with the type: the same value always gives the same tag.</summary>
    Hash,
}
