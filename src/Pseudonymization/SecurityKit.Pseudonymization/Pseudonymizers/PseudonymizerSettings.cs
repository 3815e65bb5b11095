using SecurityKit.Pseudonymization.Keys;

namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>Options for every identifier type, as bound from configuration or the command line.</summary>
public sealed record PseudonymizerSettings
{
    /// <summary>National numbers: mode and kept attributes.</summary>
    public NationalNumberPseudonymOptions NationalNumber { get; init; } = new();

    /// <summary>IBANs: keep the bank identifier (Belgium: the 3-digit bank code).</summary>
    public bool KeepBankCode { get; init; }

    /// <summary>Creates the pseudonymiser of a type for one domain.</summary>
    /// <param name="type">The identifier type.</param>
    /// <param name="masterKey">The key-ring key.</param>
    /// <param name="domain">The domain.</param>
    /// <returns>The pseudonymiser.</returns>
    public IdentifierPseudonymizer Create(IdentifierType type, ReadOnlySpan<byte> masterKey, string domain) => type switch
    {
        IdentifierType.NationalNumber => new NationalNumberPseudonymizer(masterKey, domain, NationalNumber),
        IdentifierType.EnterpriseNumber => new EnterpriseNumberPseudonymizer(masterKey, domain),
        IdentifierType.Iban => new IbanPseudonymizer(masterKey, domain, KeepBankCode),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Creates the pseudonymiser of a type for one domain with a master key from any source (e.g. a PKCS#11 token).</summary>
    /// <param name="type">The identifier type.</param>
    /// <param name="masterKey">The master key.</param>
    /// <param name="domain">The domain.</param>
    /// <returns>The pseudonymiser.</returns>
    public IdentifierPseudonymizer Create(IdentifierType type, IDomainKeySource masterKey, string domain) => type switch
    {
        IdentifierType.NationalNumber => new NationalNumberPseudonymizer(masterKey, domain, NationalNumber),
        IdentifierType.EnterpriseNumber => new EnterpriseNumberPseudonymizer(masterKey, domain),
        IdentifierType.Iban => new IbanPseudonymizer(masterKey, domain, KeepBankCode),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
