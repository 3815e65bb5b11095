namespace SecurityKit.Detection.Pii;

/// <summary>The kinds of personal data the detector finds (CONTRACTS.md "PII scanning").</summary>
public enum PiiEntityType
{
    /// <summary>Belgian national register number (NISS/INSZ) or BIS number, checksum-valid.</summary>
    NationalNumber,

    /// <summary>Belgian KBO/BCE enterprise number, also written as VAT number <c>BE0…</c>.</summary>
    EnterpriseNumber,

    /// <summary>IBAN of any country, ISO 13616 mod-97 valid.</summary>
    Iban,

    /// <summary>Luhn-valid payment card number.</summary>
    PaymentCard,

    /// <summary>E-mail address.</summary>
    Email,

    /// <summary>Phone number, Belgian or international.</summary>
    Phone,

    /// <summary>A person's name, without the title.</summary>
    Person,

    /// <summary>Postal address: street, number, box, postcode, municipality.</summary>
    Address,

    /// <summary>Belgian identity card number.</summary>
    EidCardNumber,

    /// <summary>Belgian licence plate.</summary>
    LicensePlate,

    /// <summary>IPv4 or IPv6 address.</summary>
    IpAddress,

    /// <summary>A date the text marks as a birth date.</summary>
    DateOfBirth,
}
