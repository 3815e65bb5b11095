using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using SecurityKit.Detection.Anomaly.Employers;

namespace SecurityKit.Detection.Anomaly.Tests.Employers;

public sealed class InvariantTextTests
{
    private static (bool Ok, double Value) Framework(string text) =>
        (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v), v);

    [Property(MaxTest = 2000)]
    public void Decimals_parse_to_the_same_bits_as_the_framework(long units, byte decimals, bool negative)
    {
        var text = (negative ? "-" : string.Empty) + Math.Abs(units % 100_000_000_000_000).ToString(CultureInfo.InvariantCulture);
        var places = decimals % 8;
        if (places > 0)
        {
            text = text.PadLeft(places + 1, '0');
            text = text.Insert(text.Length - places, ".");
        }

        var ok = InvariantText.TryParseNumber(text, out var value);

        var expected = Framework(text);
        Assert.True(ok == expected.Ok, text);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value), BitConverter.DoubleToInt64Bits(value));
    }

    [Property(MaxTest = 2000)]
    public void Any_text_parses_as_the_framework_parses_it(NonNull<string> text)
    {
        var ok = InvariantText.TryParseNumber(text.Get, out var value);

        var expected = Framework(text.Get);
        Assert.Equal(expected.Ok, ok);
        if (ok)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value), BitConverter.DoubleToInt64Bits(value));
        }
    }

    [Theory]
    [InlineData("20692.49")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("1e5")]
    [InlineData("12345678901234567890.5")]
    [InlineData("0.1234567890123456789")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData(" 12")]
    [InlineData("46k")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    public void Edge_cases_parse_as_the_framework_parses_them(string text)
    {
        var ok = InvariantText.TryParseNumber(text, out var value);

        var expected = Framework(text);
        Assert.Equal(expected.Ok, ok);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value), BitConverter.DoubleToInt64Bits(value));
    }

    [Property(MaxTest = 2000)]
    public void Dates_parse_as_the_framework_parses_them(ushort year, byte month, byte day)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{year % 10000:D4}-{month % 14:D2}-{day % 33:D2}");

        var ok = InvariantText.TryParseIsoDate(text, out var date);

        var expectedOk = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);
        Assert.Equal(expectedOk, ok);
        Assert.Equal(expected, date);
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("0000-01-01")]
    [InlineData("2024-1-01")]
    [InlineData("2024/01/01")]
    [InlineData(" 2024-01-01")]
    [InlineData("")]
    public void Date_edge_cases_parse_as_the_framework_parses_them(string text)
    {
        var ok = InvariantText.TryParseIsoDate(text, out var date);

        var expectedOk = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);
        Assert.Equal(expectedOk, ok);
        Assert.Equal(expected, date);
    }

    [Fact]
    public void Numeric_person_ids_of_different_length_stay_distinct()
    {
        var index = new PersonIndex(4);

        var a = index.IndexOf("0123");
        var b = index.IndexOf("123");
        var c = index.IndexOf("P-123");
        var again = index.IndexOf("0123");

        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
        Assert.Equal(a, again);
        Assert.Equal(3, index.Count);
        Assert.Equal(3, index.IndexOf("123456789012345678")); // beyond the numeric keys: kept as text
    }
}
