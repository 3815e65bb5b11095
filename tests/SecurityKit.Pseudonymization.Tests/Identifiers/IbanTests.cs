using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Tests.Identifiers;

public sealed class IbanTests
{
    [Theory]
    [InlineData("BE71 0961 2345 6769", "BE71096123456769")]
    [InlineData("be71096123456769", "BE71096123456769")]
    [InlineData("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432")]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606")]
    [InlineData("NL91ABNA0417164300", "NL91ABNA0417164300")]
    public void Ibans_of_any_country_parse_to_the_canonical_form(string text, string canonical)
    {
        Assert.Equal(canonical, Iban.Parse(text).ToString());
    }

    [Fact]
    public void Display_form_groups_by_four()
    {
        Assert.Equal("BE71 0961 2345 6769", Iban.Parse("BE71096123456769").ToDisplayString());
    }

    [Theory]
    [InlineData("BE72 0961 2345 6769", IdentifierRule.CheckDigits, 3)]
    [InlineData("BE71 0961 2345 676", IdentifierRule.CountryLength, 0)]
    [InlineData("1E71 0961 2345 6769", IdentifierRule.Country, 1)]
    [InlineData("BE71 0961 2345 67#9", IdentifierRule.Character, 18)]
    [InlineData("", IdentifierRule.Empty, 0)]
    public void Invalid_ibans_name_the_rule_and_position(string text, IdentifierRule rule, int position)
    {
        Assert.Equal(new IdentifierError(rule, position), Iban.Validate(text, out _));
    }

    [Fact]
    public void A_belgian_iban_with_a_wrong_national_check_is_rejected_even_when_the_iban_check_matches()
    {
        // BBAN 096123456768 has a wrong Belgian check (should be 69); recompute the IBAN check digits so only the national check fails.
        var bban = "096123456768";
        var rearranged = System.Numerics.BigInteger.Parse(bban + "111400", System.Globalization.CultureInfo.InvariantCulture);
        var check = 98 - (int)(rearranged % 97);
        var text = $"BE{check:D2}{bban}";

        Assert.Equal(IdentifierRule.NationalCheck, Iban.Validate(text, out _).Rule);
    }
}
