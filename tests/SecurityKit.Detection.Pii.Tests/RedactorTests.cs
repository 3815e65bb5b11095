using Microsoft.Extensions.Compliance.Redaction;
using SecurityKit.Detection.Pii.Redaction;

namespace SecurityKit.Detection.Pii.Tests;

public sealed class RedactorTests
{
    [Fact]
    public void Redactor_masks_only_the_personal_data_of_a_value()
    {
        Redactor redactor = new PiiRedactor();
        Assert.Equal("Rekening **** **** **** **** van de klant", redactor.Redact("Rekening BE71 0961 2345 6769 van de klant"));
    }

    [Fact]
    public void Redacted_length_equals_the_input_length()
    {
        var redactor = new PiiRedactor();
        const string value = "NISS 85073003328";
        Assert.Equal(value.Length, redactor.GetRedactedLength(value));
        Span<char> destination = stackalloc char[value.Length];
        Assert.Equal(value.Length, redactor.Redact(value, destination));
        Assert.Equal("NISS ***********", destination.ToString());
    }
}
