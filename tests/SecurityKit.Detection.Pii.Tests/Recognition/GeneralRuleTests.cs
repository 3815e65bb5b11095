namespace SecurityKit.Detection.Pii.Tests.Recognition;

/// <summary>General rules added in the second session (from the hard development set and from reading errors).</summary>
public sealed class GeneralRuleTests
{
    private static (string Value, string Type)[] Find(string text) =>
        [.. PiiDetector.Default.Detect(text).Select(e => (text[e.Start..e.End], e.Type.ToName()))];

    private static string[] Persons(string text) => [.. Find(text).Where(f => f.Type == "PERSON").Select(f => f.Value)];

    [Fact]
    public void Number_sign_is_not_the_belgian_born_sign() =>
        Assert.DoesNotContain(Find("Voir l'arrêt n° 254.127 du 14 octobre 2022."), f => f.Type == "DATE_OF_BIRTH");

    [Theory]
    [InlineData("Meine Tochter ist am 3. Juni 2001 geboren.", "3. Juni 2001")]
    [InlineData("Er wurde am 03.06.1975 in Eupen geboren.", "03.06.1975")]
    public void German_birth_date_before_the_participle_is_found(string text, string date) =>
        Assert.Contains((date, "DATE_OF_BIRTH"), Find(text));

    [Fact]
    public void Dotted_enterprise_shape_with_a_bad_checksum_is_not_a_phone() => Assert.Empty(Find("Le numéro 0451.234.596 est refusé."));

    [Fact]
    public void Dotted_enterprise_shape_after_a_phone_word_stays_a_phone() =>
        Assert.Contains(Find("GSM 0475.123.456"), f => f.Type == "PHONE");

    [Fact]
    public void Preposition_does_not_join_a_place_to_a_name() =>
        Assert.Equal(["Koen Wyckaert"], Persons("Dhr. Koen Wyckaert in Brugge belde gisteren."));

    [Fact]
    public void Elided_pronoun_is_not_part_of_a_name() => Assert.Equal(["Tomasz Bielecki"], Persons("Hello, I'm Tomasz Bielecki from the permits desk."));

    [Fact]
    public void Initial_and_unknown_surname_followed_by_a_function_is_a_person() =>
        Assert.Equal(["K. Vandormael"], Persons("Présents : le bourgmestre et K. Vandormael, secrétaire."));

    [Fact]
    public void Capitalised_german_function_before_a_name_stays_out_of_the_span() =>
        Assert.Equal(["Detlef Marx"], Persons("Die Firma wird vom Geschäftsführer Detlef Marx vertreten."));

    [Fact]
    public void Outline_letter_at_a_line_start_is_not_a_person() => Assert.Empty(Persons("Plan:\nA. Kontext\nB. Analyse"));
}
