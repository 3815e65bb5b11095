namespace SecurityKit.Detection.Pii.Tests.Recognition;

/// <summary>
/// Rules of the fourth session: a known given name standing alone in running text, names after a possessive and a kin
/// word, two given names joined by a conjunction, lower-case given names after a word that governs a person, lower-case
/// chat speakers without time stamps, and the span fixes (English possessive, sentence-start word before a given name).
/// Every rule has a hard negative next to it.
/// </summary>
public sealed class LoneNameTests
{
    private static string[] Persons(string text) =>
        [.. PiiDetector.Default.Detect(text).Where(e => e.Type == PiiEntityType.Person).Select(e => text[e.Start..e.End])];

    [Fact]
    public void Known_given_name_alone_inside_a_sentence_is_a_person() =>
        Assert.Equal(["Wiktoria"], Persons("Peux-tu envoyer le planning à Wiktoria avant jeudi ?"));

    [Fact]
    public void Known_given_name_after_an_article_or_a_preposition_of_place_is_not_a_person() =>
        Assert.Empty(Persons("Le congrès a lieu in Florence, puis la Mercedes de service repart vers la gare."));

    [Fact]
    public void Known_given_name_inside_a_street_or_institution_name_is_not_a_person() =>
        Assert.Empty(Persons("La réunion se tient à l'Institut Gianluca, près de la rue Lucian sans numéro."));

    [Fact]
    public void Given_name_that_is_a_common_word_alone_is_not_a_person() =>
        Assert.Empty(Persons("The minister said the reform will pass; we will see what the committee decides."));

    [Fact]
    public void Known_given_name_at_a_sentence_start_needs_support() =>
        Assert.Empty(Persons("Lucian. Dit is de titel van het project."));

    [Fact]
    public void Known_given_name_at_a_sentence_start_before_a_verb_of_speech_is_a_person() =>
        Assert.Equal(["Burak"], Persons("Burak heeft gisteren het dossier afgesloten."));

    [Fact]
    public void Word_of_a_number_is_not_a_person() =>
        Assert.Empty(Persons("Het budget bedraagt 3,2 Mio. € voor Mobiliteit."));

    [Fact]
    public void Country_that_is_also_a_given_name_is_not_a_person() =>
        Assert.Empty(Persons("Le propriétaire habite en France depuis 2019."));

    [Fact]
    public void Name_after_a_possessive_and_a_kin_word_is_a_person_even_when_no_list_knows_it() =>
        Assert.Equal(["Oyelaran", "Tamsir"], Persons("Ma fille Oyelaran est malade ; mein Sohn Tamsir kommt morgen."));

    [Fact]
    public void Kin_word_without_a_possessive_does_not_make_a_name() =>
        Assert.Empty(Persons("Le statut Fils Unique ne donne pas droit à la prime."));

    [Fact]
    public void Unknown_word_joined_to_a_known_given_name_by_a_conjunction_is_a_person() =>
        Assert.Equal(["Zuzana", "Oyelaran"], Persons("Gisteren hebben Zuzana en Oyelaran de procedure uitgelegd."));

    [Fact]
    public void Place_joined_to_a_given_name_by_a_conjunction_is_not_a_person() =>
        Assert.Equal(["Zuzana"], Persons("Demain, Zuzana et Namur signeront la convention."));

    [Fact]
    public void Lower_case_known_given_name_after_a_word_that_governs_a_person_is_a_person() =>
        Assert.Equal(["gonçalo", "zuzana"], Persons("ok merci gonçalo, je vois ça demain avec zuzana et je te redis"));

    [Fact]
    public void Lower_case_word_that_is_not_a_known_given_name_after_such_a_word_is_not_a_person() =>
        Assert.Empty(Persons("ok merci beaucoup, je vois ça demain avec elle et je te redis"));

    [Fact]
    public void Lower_case_chat_speakers_who_speak_twice_are_persons() =>
        Assert.Equal(["ioan", "zuzana", "ioan"], Persons("ioan: wie heeft de sleutel?\nzuzana: op het bureau\nioan: top"));

    [Fact]
    public void Lower_case_labels_in_a_row_are_not_chat_speakers() =>
        Assert.Empty(Persons("objet: demande de prime\nremarque: urgent\nstatut: ouvert"));

    [Fact]
    public void English_possessive_is_not_part_of_the_name() =>
        Assert.Equal(["Gonçalo Pereira"], Persons("Could you forward Gonçalo Pereira's onboarding pack to HR?"));

    [Fact]
    public void Sentence_start_word_before_a_lone_given_name_is_dropped_from_the_span() =>
        Assert.Equal(["Tuğba", "Ioan"], Persons("Yesterday Tuğba and Ioan presented the plan."));

    [Fact]
    public void Upper_case_surname_before_a_given_name_stays_in_the_span() =>
        Assert.Equal(["KOWALSKI Zuzana"], Persons("Verontschuldigd: KOWALSKI Zuzana"));

    [Fact]
    public void Particles_before_a_street_do_not_join_a_name_to_it() =>
        Assert.Equal(["Zuzana"], Persons("Ze blijft bij haar zus Zuzana in de Kerkstraat tot maandag."));

    [Fact]
    public void Unknown_pair_after_according_to_is_a_person() =>
        Assert.Equal(["Ayumi Kobashigawa"], Persons("According to Ayumi Kobashigawa, the officer approved the schedule."));

    [Fact]
    public void Institution_after_according_to_the_is_not_a_person() =>
        Assert.Empty(Persons("According to the Court of Audit, the schedule was approved."));

    [Fact]
    public void Given_name_that_is_a_common_word_after_another_word_does_not_make_a_pair_a_person() =>
        Assert.Empty(Persons("The Steering Will of the board was unclear."));

    [Fact]
    public void Flemish_box_numbered_floor_and_unit_is_part_of_the_address() =>
        Assert.Equal(["Tiensesteenweg 312 bus 0.3, 3360 Bierbeek"],
            PiiDetector.Default.Detect("Verhuisd naar Tiensesteenweg 312 bus 0.3, 3360 Bierbeek vorige week.").Where(e => e.Type == PiiEntityType.Address)
                .Select(e => "Verhuisd naar Tiensesteenweg 312 bus 0.3, 3360 Bierbeek vorige week."[e.Start..e.End]));

    [Fact]
    public void Known_given_name_addressed_at_a_sentence_start_before_a_comma_is_a_person() =>
        Assert.Equal(["Joaquín"], Persons("Joaquín, the annex is missing again."));

    [Fact]
    public void Place_at_a_sentence_start_before_a_comma_is_not_a_person() =>
        Assert.Empty(Persons("Namur, le 3 mars. Objet : votre demande."));

    [Fact]
    public void Known_given_name_at_a_sentence_start_before_a_verb_of_communication_is_a_person() =>
        Assert.Equal(["Zuzana"], Persons("Samenvatting: Zuzana meldt dat de lift defect is."));

    [Fact]
    public void Unknown_word_after_a_governing_word_and_before_who_is_a_person() =>
        Assert.Equal(["Oyelaran"], Persons("I spoke with Oyelaran who handles the permits."));

    [Fact]
    public void Unknown_firm_after_a_governing_word_and_before_qui_is_not_a_person() =>
        Assert.Empty(Persons("J'ai transmis la demande à Sibelgaz qui a répondu hier."));

    [Fact]
    public void Unknown_pair_after_a_genitive_of_something_a_person_sends_is_a_person() =>
        Assert.Equal(["Oyelaran Kobashigawa"], Persons("J'ai reçu un appel de Oyelaran Kobashigawa concernant son permis."));

    [Fact]
    public void Unknown_pair_after_an_article_or_a_genitive_is_not_a_person() =>
        Assert.Empty(Persons("Le rapport de Gouvernance Numérique parle de la Stratégie Européenne et on Open Data."));
}
