using FsCheck.Xunit;
using SecurityKit.Pseudonymization.Identifiers;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.Pseudonymization.Tests.Pseudonymizers;

public sealed class EnterpriseAndIbanPseudonymizerTests : IDisposable
{
    private readonly EnterpriseNumberPseudonymizer enterprise = new(NationalNumbers.Key, "a");
    private readonly IbanPseudonymizer iban = new(NationalNumbers.Key, "a");
    private readonly IbanPseudonymizer ibanKeepingBank = new(NationalNumbers.Key, "a", keepBankCode: true);

    public void Dispose()
    {
        enterprise.Dispose();
        iban.Dispose();
        ibanKeepingBank.Dispose();
    }

    [Property(MaxTest = 2000)]
    public bool Enterprise_pseudonyms_are_valid_enterprise_numbers_and_reverse(uint a)
    {
        var number = EnterpriseNumber.FromBody(a % 20_000_000).ToVatString();
        var pseudonym = enterprise.Pseudonymize(number);
        return EnterpriseNumber.TryParse(pseudonym, out _) && enterprise.Reverse(pseudonym) == number[2..];
    }

    [Property(MaxTest = 2000)]
    public bool Belgian_iban_pseudonyms_are_valid_ibans_with_valid_national_check_and_reverse(ulong a)
    {
        var ten = a % 10_000_000_000;
        var check = (int)(ten % 97) == 0 ? 97 : (int)(ten % 97);
        var bban = $"{ten:D10}{check:D2}";
        var rearranged = System.Numerics.BigInteger.Parse(bban + "111400", System.Globalization.CultureInfo.InvariantCulture);
        var text = $"BE{98 - (int)(rearranged % 97):D2}{bban}";
        var pseudonym = iban.Pseudonymize(text);
        return Iban.TryParse(pseudonym, out _) && pseudonym[..2] == "BE" && iban.Reverse(pseudonym) == text;
    }

    [Theory]
    [InlineData("BE71096123456769")]
    [InlineData("DE89370400440532013000")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("FR1420041010050500013M02606")]
    public void Keeping_the_bank_code_keeps_country_and_bank(string text)
    {
        var pseudonym = ibanKeepingBank.Pseudonymize(text);
        var bankLength = text[..2] switch { "BE" => 3, "DE" => 8, "NL" => 4, _ => 5 };

        Assert.Equal(text[..2], pseudonym[..2]);
        Assert.Equal(text[4..(4 + bankLength)], pseudonym[4..(4 + bankLength)]);
        Assert.NotEqual(text, pseudonym);
        Assert.True(Iban.TryParse(pseudonym, out _));
        Assert.Equal(text, ibanKeepingBank.Reverse(pseudonym));
    }

    [Fact]
    public void Keeping_the_bank_code_of_a_country_whose_bank_code_is_unknown_is_an_error()
    {
        var error = Assert.Throws<IdentifierException>(() => ibanKeepingBank.Pseudonymize("NO9386011117947"));

        Assert.Equal(IdentifierRule.Country, error.Error.Rule);
    }
}
