using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Tests.Identifiers;

public sealed class EnterpriseNumberTests
{
    [Theory]
    [InlineData("0123456749")]
    [InlineData("0123.456.749")]
    [InlineData("BE0123.456.749")]
    [InlineData("BE 0123 456 749")]
    [InlineData("be0123456749")]
    public void Every_usual_written_form_parses(string text)
    {
        Assert.Equal("0123456749", EnterpriseNumber.Parse(text).ToString());
    }

    [Fact]
    public void Display_and_vat_forms()
    {
        var number = EnterpriseNumber.Parse("0123456749");

        Assert.Equal("0123.456.749", number.ToDisplayString());
        Assert.Equal("BE0123456749", number.ToVatString());
    }

    [Theory]
    [InlineData("0123456748", IdentifierRule.CheckDigits, 9)]
    [InlineData("2123456749", IdentifierRule.Prefix, 1)]
    [InlineData("NL0123456749", IdentifierRule.Prefix, 1)]
    [InlineData("012345674", IdentifierRule.Length, 0)]
    [InlineData("0123x456749", IdentifierRule.Character, 5)]
    public void Invalid_numbers_name_the_rule_and_position(string text, IdentifierRule rule, int position)
    {
        Assert.Equal(new IdentifierError(rule, position), EnterpriseNumber.Validate(text, out _));
    }

    [Fact]
    public void Numbers_starting_with_1_are_valid()
    {
        var number = EnterpriseNumber.FromBody(12_345_678);

        Assert.True(EnterpriseNumber.TryParse(number.ToString(), out _));
        Assert.StartsWith("1", number.ToString(), StringComparison.Ordinal);
    }
}
