using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Tests.Identifiers;

public sealed class NationalRegisterNumberTests
{
    [Theory]
    [InlineData("85073003328")]
    [InlineData("85.07.30-033.28")]
    [InlineData("850730 033 28")]
    [InlineData("  85.07.30 033-28 ")]
    [InlineData("850730/033/28")]
    public void Every_usual_written_form_parses_to_the_same_number(string text)
    {
        Assert.Equal("85073003328", NationalRegisterNumber.Parse(text).ToString());
    }

    [Fact]
    public void Display_form_groups_date_sequence_and_check()
    {
        Assert.Equal("85.07.30-033.28", NationalRegisterNumber.Parse("85073003328").ToDisplayString());
    }

    [Fact]
    public void Births_from_2000_have_check_digits_over_a_prefixed_2()
    {
        var body = 10_203_004UL; // 01.02.03-004
        var check = 97 - ((2_000_000_000 + body) % 97);
        var number = NationalRegisterNumber.Parse($"{body:D9}{check:D2}");

        Assert.True(number.BornFrom2000);
        Assert.Equal(2001, number.BirthYear);
    }

    [Fact]
    public void Births_before_2000_use_the_nine_digits_alone()
    {
        var number = NationalRegisterNumber.Parse("85073003328");

        Assert.False(number.BornFrom2000);
        Assert.Equal(1985, number.BirthYear);
        Assert.Equal(7, number.BirthMonth);
        Assert.True(number.SequenceIsOdd);
    }

    [Theory]
    [InlineData(27, NationalNumberKind.BisGenderUnknown)]
    [InlineData(47, NationalNumberKind.BisGenderKnown)]
    [InlineData(7, NationalNumberKind.Register)]
    public void Bis_numbers_are_recognised_by_their_month_offset(int monthField, NationalNumberKind kind)
    {
        var number = NationalRegisterNumber.Create(85, monthField, 30, 33, from2000: false);

        Assert.Equal(kind, number.Kind);
        Assert.Equal(7, number.BirthMonth);
        Assert.True(NationalRegisterNumber.TryParse(number.ToString(), out _));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(20, 0)]
    [InlineData(40, 0)]
    public void Unknown_birth_dates_with_zero_fields_are_valid(int month, int day)
    {
        var number = NationalRegisterNumber.Create(60, month, day, 1, from2000: false);

        Assert.Equal(number, NationalRegisterNumber.Parse(number.ToDisplayString()));
    }

    [Theory]
    [InlineData("85073003329", IdentifierRule.CheckDigits, 10)]
    [InlineData("85.07.30-033.29", IdentifierRule.CheckDigits, 14)]
    [InlineData("85130003328", IdentifierRule.Month, 3)]
    [InlineData("85.13.30-033.28", IdentifierRule.Month, 4)]
    [InlineData("85073203328", IdentifierRule.Day, 5)]
    [InlineData("85073099828", IdentifierRule.Sequence, 7)]
    [InlineData("85073000028", IdentifierRule.Sequence, 7)]
    [InlineData("8507300332", IdentifierRule.Length, 0)]
    [InlineData("850730033281", IdentifierRule.Length, 12)]
    [InlineData("85073O03328", IdentifierRule.Character, 6)]
    [InlineData("", IdentifierRule.Empty, 0)]
    [InlineData(" .- ", IdentifierRule.Empty, 0)]
    public void Invalid_numbers_name_the_rule_and_position(string text, IdentifierRule rule, int position)
    {
        var error = NationalRegisterNumber.Validate(text, out _);

        Assert.Equal(new IdentifierError(rule, position), error);
    }

    [Fact]
    public void Parse_errors_never_contain_the_number()
    {
        var error = Assert.Throws<IdentifierException>(() => NationalRegisterNumber.Parse("85073003329"));

        Assert.DoesNotContain("85073003329", error.Message, StringComparison.Ordinal);
        Assert.Equal(IdentifierRule.CheckDigits, error.Error.Rule);
    }

    [Fact]
    public void Utf8_and_utf16_parsing_agree()
    {
        var fromUtf8 = NationalRegisterNumber.Validate("85.07.30-033.28"u8, out var a);
        var fromUtf16 = NationalRegisterNumber.Validate("85.07.30-033.28", out var b);

        Assert.Equal(fromUtf16, fromUtf8);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Parsing_from_spans_does_not_allocate()
    {
        ReadOnlySpan<char> text = "85.07.30-033.28";
        NationalRegisterNumber.Validate(text, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            NationalRegisterNumber.Validate(text, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
