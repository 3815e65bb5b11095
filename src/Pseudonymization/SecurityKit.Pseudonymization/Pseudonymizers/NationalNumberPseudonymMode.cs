namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>What national-number pseudonyms look like.</summary>
public enum NationalNumberPseudonymMode
{
    /// <summary>
    /// Default. Pseudonyms have valid check digits but a month field of 60–98, which the register and BIS never
    /// issue: a pseudonym can never be (or be mistaken for) a real person's number.
    /// </summary>
    Disjoint,

    /// <summary>
    /// Pseudonyms are themselves valid national numbers (issuable month, day, sequence; a real calendar date when the
    /// input had one), for legacy software that checks birth dates. A pseudonym may then equal a real person's number.
    /// </summary>
    Valid,
}
