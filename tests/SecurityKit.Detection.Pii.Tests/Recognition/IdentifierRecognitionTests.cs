namespace SecurityKit.Detection.Pii.Tests.Recognition;

public sealed class IdentifierRecognitionTests
{
    private static (string Value, string Type)[] Find(string text) =>
        [.. PiiDetector.Default.Detect(text).Select(e => (text[e.Start..e.End], e.Type.ToName()))];

    [Theory]
    [InlineData("85.07.30-033.28")]
    [InlineData("85073003328")]
    [InlineData("850730 033 28")]
    [InlineData("850730-033.28")]
    public void National_number_is_found_in_every_usual_written_form(string form) =>
        Assert.Equal([(form, "NATIONAL_NUMBER")], Find($"Mon numéro national est {form}."));

    [Theory]
    [InlineData("85073003329")]
    [InlineData("85.07.30-033.29")]
    public void National_number_with_a_wrong_check_is_not_reported(string form) => Assert.Empty(Find($"NISS {form}"));

    [Theory]
    [InlineData("BE0123.456.749")]
    [InlineData("0123 456 749")]
    [InlineData("BE 0123.456.749")]
    [InlineData("0123.456.749")]
    [InlineData("BE0123456749")]
    public void Enterprise_number_is_found_also_as_a_vat_number(string form) =>
        Assert.Equal([(form, "ENTERPRISE_NUMBER")], Find($"KBO-nummer {form} van de vennootschap"));

    [Theory]
    [InlineData("BE71 0961 2345 6769")]
    [InlineData("BE71096123456769")]
    [InlineData("NL91 ABNA 0417 1643 00")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    public void Iban_is_found_compact_or_grouped(string form) => Assert.Equal([(form, "IBAN")], Find($"Compte {form} au nom de"));

    [Theory]
    [InlineData("0475 12 34 56")]
    [InlineData("0475/12.34.56")]
    [InlineData("+32 475 12 34 56")]
    [InlineData("+32 (0)475 12 34 56")]
    [InlineData("02 511 22 33")]
    [InlineData("+33 1 42 68 53 00")]
    public void Phone_numbers_are_found_belgian_and_international(string form) =>
        Assert.Equal([(form, "PHONE")], Find($"Bel me op {form} morgen"));

    [Theory]
    [InlineData("D/2025/4540/13")]
    [InlineData("€ 1.234.567,89")]
    [InlineData("art. 1382 du Code civil")]
    [InlineData("la réunion du 12/03/2025")]
    [InlineData("0123.456.789")]
    public void Hard_negatives_are_not_reported(string text) => Assert.Empty(Find(text));

    [Fact]
    public void Eid_card_number_is_found() => Assert.Equal([("591-1234567-53", "EID_CARD_NUMBER")], Find("kaartnummer 591-1234567-53"));

    [Fact]
    public void Current_licence_plate_is_found() => Assert.Equal([("1-ABC-123", "LICENSE_PLATE")], Find("voiture 1-ABC-123 garée"));

    [Fact]
    public void Date_is_a_birth_date_only_when_marked()
    {
        Assert.Equal([("30/07/1985", "DATE_OF_BIRTH")], Find("De aanvrager, geboren op 30/07/1985, woont hier."));
        Assert.Empty(Find("La réunion du 30/07/2025 est annulée."));
    }

    [Theory]
    [InlineData("192.168.10.1")]
    [InlineData("2001:db8::8a2e:370:7334")]
    public void Ip_addresses_are_found(string ip) => Assert.Equal([(ip, "IP_ADDRESS")], Find($"connexion depuis {ip} hier"));

    [Fact]
    public void Email_is_found() => Assert.Equal([("marie.dubois@gmail.com", "EMAIL")], Find("écrivez à marie.dubois@gmail.com."));
}
