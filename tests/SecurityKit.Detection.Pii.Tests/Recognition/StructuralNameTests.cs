namespace SecurityKit.Detection.Pii.Tests.Recognition;

/// <summary>
/// Rules of the third session for names that are in no list: structure (table columns, JSON keys, chat speakers,
/// mentions), lower-case names after a strong context, sign-offs, enumerations, addressees and words that govern a
/// person. Every rule has a hard negative next to it. The names here are in none of the gazetteers.
/// </summary>
public sealed class StructuralNameTests
{
    private static string[] Persons(string text) =>
        [.. PiiDetector.Default.Detect(text).Where(e => e.Type == PiiEntityType.Person).Select(e => text[e.Start..e.End])];

    private static string[] Addresses(string text) =>
        [.. PiiDetector.Default.Detect(text).Where(e => e.Type == PiiEntityType.Address).Select(e => text[e.Start..e.End])];

    [Fact]
    public void Cells_of_a_markdown_name_column_are_persons() =>
        Assert.Equal(["Zoltan Kiss", "Teodor Ionescu"], Persons("| Naam | Dienst |\n|---|---|\n| Zoltan Kiss | Urbanisme |\n| Teodor Ionescu | ICT |"));

    [Fact]
    public void Cells_of_a_column_that_does_not_hold_names_are_not_persons() =>
        Assert.Empty(Persons("| Dienst | Budget |\n|---|---|\n| Urbanisme | 12 000 |\n| Mobiliteit Plus | 8 000 |"));

    [Fact]
    public void Csv_columns_of_given_names_and_surnames_are_persons() =>
        Assert.Equal(["Kwabena", "Bellefroid"], Persons("Prénom;Nom;Commune\nKwabena;Bellefroid;Wavre"));

    [Fact]
    public void Name_column_cell_that_is_not_name_shaped_is_skipped() =>
        Assert.Empty(Persons("Name,Role\nN/A,analyst\n2025/0147,reviewer"));

    [Fact]
    public void Json_value_of_a_person_key_is_a_person() =>
        Assert.Equal(["Yevgenia Ouedraogo", "wanjiru"], Persons("{\"fullName\": \"Yevgenia Ouedraogo\", \"city\": \"Namur\", \"first_name\": \"wanjiru\"}"));

    [Fact]
    public void Json_value_of_another_key_is_not_a_person() =>
        Assert.Empty(Persons("{\"project\": \"Sigiswald Thorvald\", \"ville\": \"Namur\", \"name\": \"Budget 2025\"}"));

    [Fact]
    public void Time_stamped_chat_speaker_is_a_person_even_in_lower_case() =>
        Assert.Equal(["wietse"], Persons("[09:41] wietse: wie heeft de sleutel?"));

    [Fact]
    public void Untimed_chat_lines_in_a_row_with_a_returning_speaker_make_their_speakers_persons() =>
        Assert.Equal(["Thorvald", "Ahmadou", "Thorvald"], Persons("Thorvald: is the room free?\nAhmadou: yes, after ten\nThorvald: thanks"));

    [Fact]
    public void Labels_before_a_colon_are_not_chat_speakers() =>
        Assert.Empty(Persons("Objet: demande de prime\nRemarque: urgent\nNote: voir annexe"));

    [Fact]
    public void Mention_is_a_person_but_an_email_domain_and_channel_words_are_not() =>
        Assert.Equal(["wanjiru"], Persons("@wanjiru kan jij dit nakijken? @all cc info@stad.be"));

    [Fact]
    public void Lower_case_name_after_a_greeting_that_opens_a_line_is_a_person() =>
        Assert.Equal(["wietse"], Persons("beste wietse,\nin bijlage het verslag."));

    [Fact]
    public void Lower_case_addressee_word_after_a_greeting_is_not_a_person() =>
        Assert.Empty(Persons("hallo allemaal,\nbonjour madame,\nhi there, thanks"));

    [Fact]
    public void Lower_case_name_after_an_introduction_is_a_person() =>
        Assert.Equal(["kwabena ouedraogo"], Persons("je m'appelle kwabena ouedraogo et j'habite à Namur"));

    [Fact]
    public void Name_after_a_closing_on_the_same_line_is_a_person() =>
        Assert.Equal(["Thorvald"], Persons("Ok voor mij. Groeten, Thorvald"));

    [Fact]
    public void Word_after_a_closing_that_is_not_a_name_is_not_a_person() =>
        Assert.Empty(Persons("Merci beaucoup, à demain.\nThanks again"));

    [Fact]
    public void Unknown_names_in_an_enumeration_with_a_known_context_are_persons() =>
        Assert.Equal(["Zoltan Kiss", "Sigiswald Laenens", "Teodor Ionescu"], Persons("Présents : Zoltan Kiss, Sigiswald Laenens et Teodor Ionescu."));

    [Fact]
    public void Enumeration_of_places_is_not_persons() =>
        Assert.Empty(Persons("Présents : les communes de Namur, Wavre et Hasselt."));

    [Fact]
    public void Name_heading_an_address_is_a_person() =>
        Assert.Equal(["Ingeborg Laenens"], Persons("Zending voor Ingeborg Laenens, Kerkstraat 12, 9000 Gent"));

    [Fact]
    public void Name_after_a_word_that_governs_a_person_is_a_person() =>
        Assert.Equal(["Oyelaran Adebayo"], Persons("Please call Oyelaran Adebayo tomorrow morning."));

    [Theory]
    [InlineData("The European Parliament voted on Monday.")]
    [InlineData("Wij tekenden de overeenkomst met het Agentschap Opgroeien.")]
    [InlineData("Meeting with the Brussels-Capital Region on 15 May.")]
    [InlineData("Le pilote tourne sur Microsoft Azure et Google Drive.")]
    public void Institutions_and_products_after_such_words_are_not_persons(string text) => Assert.Empty(Persons(text));

    [Fact]
    public void Capitalised_particle_after_an_unknown_given_name_keeps_the_given_name() =>
        Assert.Equal(["Sigiswald Van Damme"], Persons("Verslag opgesteld door Sigiswald Van Damme."));

    [Fact]
    public void Known_municipality_after_the_house_number_closes_the_address() =>
        Assert.Equal(["rue de Namur 12, Wavre"], Addresses("Le bureau est situé rue de Namur 12, Wavre."));

    [Fact]
    public void Dutch_postcode_letters_belong_to_the_address() =>
        Assert.Equal(["Molenstraat 3, 5591 AB Heeze"], Addresses("Adres: Molenstraat 3, 5591 AB Heeze"));

    [Fact]
    public void Country_in_brackets_is_not_part_of_the_address() =>
        Assert.Equal(["Molenstraat 3\n5591 Heeze"], Addresses("wonende te Molenstraat 3\n5591 Heeze (Nederland)."));

    [Fact]
    public void German_five_digit_postcode_with_its_city_belongs_to_the_address() =>
        Assert.Equal(["Kaiserstraße 5, D-52062 Aachen"], Addresses("Bitte an Kaiserstraße 5, D-52062 Aachen schicken."));

    [Fact]
    public void Time_stamped_speaker_that_is_also_a_municipality_is_a_person() =>
        Assert.Equal(["brecht"], Persons("[11:32] brecht: is de server terug online?"));

    [Fact]
    public void Short_name_on_the_last_line_under_a_closing_with_an_exclamation_mark_is_a_person() =>
        Assert.Equal(["Thorvald"], Persons("Dank je voor de hulp.\nTot morgen!\nThorvald"));

    [Fact]
    public void Last_line_that_is_not_name_shaped_is_not_a_signature() =>
        Assert.Empty(Persons("Tot morgen!\nStad Gent"));

    [Fact]
    public void Pair_followed_by_the_department_they_come_from_is_a_person() =>
        Assert.Equal(["Oyelaran Adebayo"], Persons("Hi all, Oyelaran Adebayo from procurement will join the call."));

    [Fact]
    public void Product_names_are_not_persons() =>
        Assert.Empty(Persons("Windows Server 2022 and Visual Studio Code are installed for Citrix Workspace users."));

    [Fact]
    public void Greeting_of_two_words_stays_out_of_the_name() =>
        Assert.Equal(["Sigiswald"], Persons("Guten Morgen Sigiswald, hier die Liste."));

    [Fact]
    public void Labels_repeated_through_a_document_are_not_chat_speakers() =>
        Assert.Empty(Persons("Signing\nDetails: see the signing page.\n\nCrypto\nDetails: see the crypto page.\nTested: with openssl."));

    [Fact]
    public void Lower_case_value_of_a_generic_name_key_is_not_a_person() =>
        Assert.Empty(Persons("{\"name\": \"my-app\", \"version\": \"1.0.0\"}"));

    [Fact]
    public void Lower_case_cell_of_a_name_column_is_not_a_person() =>
        Assert.Empty(Persons("| Name | Default |\n|---|---|\n| timeout | 30 |\n| retries | 3 |"));

    [Fact]
    public void Unknown_pair_that_is_the_subject_of_a_verb_is_a_person() =>
        Assert.Equal(["Sigiswald Thorvald"], Persons("Sigiswald Thorvald heeft gisteren gebeld over de factuur."));

    [Theory]
    [InlineData("Visual Studio is installed on every machine.")]
    [InlineData("Vlaamse Overheid heeft beslist om de subsidie te verlengen.")]
    [InlineData("Le Conseil a décidé de reporter le point.")]
    public void Institutions_and_products_as_subjects_are_not_persons(string text) => Assert.Empty(Persons(text));

    [Fact]
    public void Dates_in_a_birth_date_column_are_dates_of_birth()
    {
        const string text = "Naam;Geboortedatum;Vergadering\nZoltan Kiss;03/02/2011;12/03/2025";
        var births = PiiDetector.Default.Detect(text).Where(e => e.Type == PiiEntityType.DateOfBirth).Select(e => text[e.Start..e.End]);
        Assert.Equal(["03/02/2011"], births);
    }
}
