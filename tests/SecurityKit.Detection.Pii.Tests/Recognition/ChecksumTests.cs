using SecurityKit.Detection.Pii.Validation;

namespace SecurityKit.Detection.Pii.Tests.Recognition;

public sealed class ChecksumTests
{
    [Theory]
    [InlineData("85073003328", true)]
    [InlineData("85073003329", false)]
    [InlineData("01010112345", false)]
    [InlineData("00010100105", true)] // born 2000: 97 - (2000101001 mod 97) = 5
    [InlineData("85270300123", false)]
    public void National_number_checksum_follows_the_mod_97_rule_with_the_2000_variant(string digits, bool valid) =>
        Assert.Equal(valid, NationalNumberChecksum.IsValid(digits));

    [Theory]
    [InlineData("0123456749", true)]
    [InlineData("0403170701", true)]
    [InlineData("0123456789", false)]
    [InlineData("2123456749", false)]
    public void Enterprise_number_checksum_is_97_minus_the_first_eight_mod_97(string digits, bool valid) =>
        Assert.Equal(valid, EnterpriseNumberChecksum.IsValid(digits));

    [Theory]
    [InlineData("BE71096123456769", true)]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("BE71096123456768", false)]
    [InlineData("BE7109612345676", false)]
    public void Iban_is_checked_by_country_length_and_mod_97(string iban, bool valid) =>
        Assert.Equal(valid, IbanChecksum.IsValid(iban));

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    public void Luhn_rejects_a_changed_digit(string digits, bool valid) => Assert.Equal(valid, LuhnChecksum.IsValid(digits));

    [Theory]
    [InlineData("591123456753", true)]
    [InlineData("591123456754", false)]
    public void Eid_card_number_check_is_the_first_ten_digits_mod_97(string digits, bool valid) =>
        Assert.Equal(valid, EidCardNumberChecksum.IsValid(digits));
}
