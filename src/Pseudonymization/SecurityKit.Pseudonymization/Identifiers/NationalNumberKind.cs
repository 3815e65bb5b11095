namespace SecurityKit.Pseudonymization.Identifiers;

/// <summary>Which register issued a national number (NISS/INSZ), read from its month field.</summary>
public enum NationalNumberKind
{
    /// <summary>National register number: month field 00–12.</summary>
    Register,

    /// <summary>BIS number, gender unknown at registration: month field + 20 (20–32).</summary>
    BisGenderUnknown,

    /// <summary>BIS number, gender known at registration: month field + 40 (40–52).</summary>
    BisGenderKnown,
}
