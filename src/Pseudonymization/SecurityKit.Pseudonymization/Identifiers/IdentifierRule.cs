namespace SecurityKit.Pseudonymization.Identifiers;

/// <summary>The validation rule an identifier broke.</summary>
public enum IdentifierRule
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The input is empty or only separators.</summary>
    Empty,

    /// <summary>A character that is neither a digit (letter where allowed) nor an accepted separator.</summary>
    Character,

    /// <summary>The wrong number of digits or characters.</summary>
    Length,

    /// <summary>A prefix that the identifier cannot have (enterprise number not starting with 0 or 1, VAT prefix other than BE).</summary>
    Prefix,

    /// <summary>National number: the month field is not 00–12, 20–32 (BIS, gender unknown) or 40–52 (BIS, gender known).</summary>
    Month,

    /// <summary>National number: the day field is above 31.</summary>
    Day,

    /// <summary>National number: the sequence number is not 001–997.</summary>
    Sequence,

    /// <summary>The check digits do not match (mod 97; national numbers: neither century).</summary>
    CheckDigits,

    /// <summary>IBAN: the country code is not two letters A–Z.</summary>
    Country,

    /// <summary>IBAN: the length does not match the country's IBAN length (ISO 13616 registry).</summary>
    CountryLength,

    /// <summary>IBAN: the BBAN's national check (Belgium: first 10 digits mod 97) does not match.</summary>
    NationalCheck,

    /// <summary>A pseudonym is not in the pseudonym space of the pseudonymiser (not made by it).</summary>
    NotAPseudonym,
}
