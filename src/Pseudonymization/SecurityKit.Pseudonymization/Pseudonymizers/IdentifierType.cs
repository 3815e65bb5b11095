namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>The identifier kinds SecurityKit pseudonymises.</summary>
public enum IdentifierType
{
    /// <summary>Belgian national number (register or BIS), <see cref="NationalNumberPseudonymizer"/>.</summary>
    NationalNumber,

    /// <summary>Belgian KBO/BCE enterprise number, <see cref="EnterpriseNumberPseudonymizer"/>.</summary>
    EnterpriseNumber,

    /// <summary>IBAN, <see cref="IbanPseudonymizer"/>.</summary>
    Iban,
}
