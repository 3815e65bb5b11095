using System.Numerics;
using System.Security.Cryptography;
using SecurityKit.Pseudonymization.Fpe;
using SecurityKit.Pseudonymization.Identifiers;
using SecurityKit.Pseudonymization.Keys;

namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>
/// Format-preserving pseudonyms for IBANs. The country code is always kept (it fixes the length); optionally the bank
/// identifier at the start of the BBAN (BE 3 digits, NL 4 letters, DE 8 digits, … see docs). The BBAN's remaining digits
/// are encrypted as one radix-10 numeral string with FF1 (tweak = country and kept bank code); letters stay; Belgian
/// BBANs get their national check (first 10 digits mod 97) recomputed; then the IBAN check digits are recomputed.
/// Pseudonyms are valid IBANs. For other countries a national BBAN check, where one exists, is not recomputed.
/// </summary>
public sealed class IbanPseudonymizer : IdentifierPseudonymizer
{
    private const int MinimumDigits = 6;
    private readonly Ff1 ff1;
    private readonly bool keepBankCode;

    /// <summary>Creates the pseudonymiser of one domain.</summary>
    /// <param name="masterKey">The key-ring key (a per-domain key is derived).</param>
    /// <param name="domain">The domain.</param>
    /// <param name="keepBankCode">Keep the bank identifier (only for countries whose bank-code length is known).</param>
    public IbanPseudonymizer(ReadOnlySpan<byte> masterKey, string domain, bool keepBankCode = false)
        : this(DomainKey.Derive(masterKey, "iban", Construction(keepBankCode), domain), keepBankCode)
    {
    }

    /// <summary>Creates the pseudonymiser of one domain with a master key from any source (e.g. a PKCS#11 token).</summary>
    /// <param name="masterKey">The master key (a per-domain key is derived).</param>
    /// <param name="domain">The domain.</param>
    /// <param name="keepBankCode">Keep the bank identifier.</param>
    public IbanPseudonymizer(IDomainKeySource masterKey, string domain, bool keepBankCode = false)
        : this(DomainKey.Derive(masterKey, "iban", Construction(keepBankCode), domain), keepBankCode)
    {
    }

    private IbanPseudonymizer(byte[] key, bool keepBankCode)
    {
        this.keepBankCode = keepBankCode;
        try
        {
            ff1 = new Ff1(key, 10);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <inheritdoc/>
    public override string IdentifierKind => Iban.KindName;

    private static string Construction(bool keepBankCode) => $"iban/v1/keep-bank={keepBankCode}";

    /// <inheritdoc/>
    public override int MaxLength => Iban.MaxLength;

    /// <inheritdoc/>
    public override IdentifierError Pseudonymize(ReadOnlySpan<char> text, Span<char> destination, out int written) => Core(text, destination, out written, true);

    /// <inheritdoc/>
    public override IdentifierError Pseudonymize(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written) => Core(utf8, destination, out written, true);

    /// <inheritdoc/>
    public override IdentifierError Reverse(ReadOnlySpan<char> pseudonym, Span<char> destination, out int written) => Core(pseudonym, destination, out written, false);

    /// <inheritdoc/>
    public override IdentifierError Reverse(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written) => Core(utf8, destination, out written, false);

    private IdentifierError Core<T>(ReadOnlySpan<T> text, Span<T> destination, out int written, bool forward)
        where T : unmanaged, IBinaryInteger<T>
    {
        written = 0;
        var error = Iban.ValidateCore(text, out var iban);
        if (error.Rule != IdentifierRule.None)
        {
            return error;
        }

        Span<byte> value = stackalloc byte[Iban.MaxLength];
        value = value[..iban.Ascii.Length];
        iban.Ascii.CopyTo(value);
        var belgian = value[0] == 'B' && value[1] == 'E';
        var kept = 4;
        if (keepBankCode)
        {
            var bankLength = IbanCountry.BankCodeLengthOf(value[0], value[1]);
            if (bankLength == 0)
            {
                // Keeping a bank code whose position is unknown would silently keep too much or too little.
                return new IdentifierError(IdentifierRule.Country, 1);
            }

            kept += bankLength;
        }

        // Digits after the kept prefix (Belgium: up to the national check, which is recomputed).
        var end = belgian ? 14 : value.Length;
        Span<ushort> numerals = stackalloc ushort[Iban.MaxLength];
        Span<byte> where = stackalloc byte[Iban.MaxLength];
        var count = 0;
        for (var i = kept; i < end; i++)
        {
            if (Iban.IsDigit(value[i]))
            {
                where[count] = (byte)i;
                numerals[count++] = (ushort)(value[i] - '0');
            }
        }

        if (count < MinimumDigits)
        {
            return new IdentifierError(IdentifierRule.Length, 0);
        }

        Span<byte> tweak = stackalloc byte[kept - 2];
        value[..2].CopyTo(tweak);
        value[4..kept].CopyTo(tweak[2..]);
        numerals = numerals[..count];
        if (forward)
        {
            ff1.Encrypt(numerals, tweak, numerals);
        }
        else
        {
            ff1.Decrypt(numerals, tweak, numerals);
        }

        for (var i = 0; i < count; i++)
        {
            value[where[i]] = (byte)('0' + numerals[i]);
        }

        if (belgian)
        {
            var check = Iban.BelgianCheck(value.Slice(4, 10));
            value[14] = (byte)('0' + (check / 10));
            value[15] = (byte)('0' + (check % 10));
        }

        Iban.SetCheckDigits(value);
        for (var i = 0; i < value.Length; i++)
        {
            destination[i] = T.CreateTruncating(value[i]);
        }

        written = value.Length;
        return default;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ff1.Dispose();
        }
    }
}
