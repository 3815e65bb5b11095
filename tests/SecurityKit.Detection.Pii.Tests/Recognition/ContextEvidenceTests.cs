namespace SecurityKit.Detection.Pii.Tests.Recognition;

/// <summary>
/// Second round of the fourth session: kinds of evidence for names that no list knows (a greeting opening the
/// sentence, a closing before a bracket, an age or a birth in brackets, feminine attendance labels, parties and
/// witnesses, the Dutch school titles, a given name's possessive, a channel label before a chat time stamp) and the
/// span and street fixes. Every rule has a hard negative next to it; the names are invented.
/// </summary>
public sealed class ContextEvidenceTests
{
    private static string[] Persons(string text) =>
        [.. PiiDetector.Default.Detect(text).Where(e => e.Type == PiiEntityType.Person).Select(e => text[e.Start..e.End])];

    [Fact]
    public void Unknown_name_after_a_greeting_that_opens_the_sentence_is_a_person() =>
        Assert.Equal(["Oyelaran"], Persons("Salut Oyelaran, le rapport est prêt."));

    [Fact]
    public void Group_addressed_by_a_greeting_is_not_a_person() =>
        Assert.Empty(Persons("Hello Support, my account is locked.\nBeste Ouders, de school start.\nHello World, this is a test."));

    [Fact]
    public void Possessive_of_a_known_given_name_is_a_person_without_the_possessive() =>
        Assert.Equal(["Wiktoria"], Persons("Reminder: Wiktoria's badge is at the desk."));

    [Fact]
    public void Possessive_of_a_place_a_day_or_a_common_word_is_not_a_person() =>
        Assert.Empty(Persons("Europe's budget and Monday's meeting and Mark's report."));

    [Fact]
    public void Unknown_name_after_a_closing_and_before_a_bracket_is_a_person() =>
        Assert.Equal(["Oyelaran"], Persons("Groetjes, Oyelaran (mama van Tamsir)"));

    [Fact]
    public void Age_in_brackets_after_an_unknown_name_makes_it_a_person() =>
        Assert.Equal(["Oyelaran"], Persons("Intake: Oyelaran (16j) komt met zijn broer."));

    [Fact]
    public void Year_or_duration_in_brackets_after_a_capitalised_word_is_not_an_age() =>
        Assert.Empty(Persons("Le contrat Horizon (2024) prévoit un Produit Sécurité (12 mois) et le produit (12 ans de garantie)."));

    [Fact]
    public void Birth_inside_the_bracket_after_an_unknown_pair_makes_it_a_person() =>
        Assert.Equal(["Tamsir Oyelaran"], Persons("Case note: Tamsir Oyelaran (minor, born 03/02/2010) was moved."));

    [Fact]
    public void Feminine_attendance_label_introduces_a_name() =>
        Assert.Equal(["Wiktoria"], Persons("Présents : tous\nExcusée : Wiktoria"));

    [Fact]
    public void Parties_and_witnesses_introduce_unknown_names() =>
        Assert.Equal(["Gerlinde Oyelaran", "Tamsir Oyelaran"], Persons("verkoper Gerlinde Oyelaran, koper Jan Peeters.\nWitness: Tamsir Oyelaran.")
            .Where(n => n != "Jan Peeters"));

    [Fact]
    public void Role_word_before_a_capitalised_common_noun_is_not_a_person() =>
        Assert.Empty(Persons("Log in on the buyer Portal before Friday. The witness Statement was filed."));

    [Fact]
    public void Dutch_school_title_introduces_a_name() =>
        Assert.Equal(["Oyelaran"], Persons("Proficiat aan juf Oyelaran!"));

    [Fact]
    public void Dutch_school_title_before_a_capitalised_noun_is_not_a_person() =>
        Assert.Empty(Persons("De juf heeft het Rapport nagekeken."));

    [Fact]
    public void Name_after_a_street_word_is_the_street() =>
        Assert.Empty(Persons("La rue Victor Oyelaran est fermée. Rendez-vous au Boulevard du Jardin Botanique."));

    [Fact]
    public void Name_before_a_street_word_stays_a_person() =>
        Assert.Equal(["Victor Oyelaran"], Persons("Victor Oyelaran habite rue Haute."));

    [Fact]
    public void Capitalised_noun_and_particle_before_a_given_name_are_not_part_of_the_name() =>
        Assert.Equal(["Wiktoria Kowalczyk"], Persons("Audition de Wiktoria Kowalczyk, née le 3 mars 1990."));

    [Fact]
    public void Particle_inside_a_name_after_a_given_name_stays_in_the_name() =>
        Assert.Equal(["Marie de Villers"], Persons("Rendez-vous avec Marie de Villers demain."));

    [Fact]
    public void Elided_particle_glued_to_a_capital_continues_a_name() =>
        Assert.Equal(["Anne de Merode d'Avroy"], Persons("Me Anne de Merode d'Avroy, notaire"));

    [Fact]
    public void Elided_particle_before_a_place_is_not_a_person() =>
        Assert.Empty(Persons("Le musée d'Ixelles ferme."));

    [Fact]
    public void Lower_case_chat_speakers_after_a_channel_label_and_a_time_stamp_are_persons() =>
        Assert.Equal(["tamsir", "wiktoria"], Persons("chat 10:02 tamsir: hallo\nchat 10:03 wiktoria: ja"));

    [Fact]
    public void Capitalised_word_before_a_time_stamp_is_not_a_channel_label() =>
        Assert.Empty(Persons("Planning 09:30 Accueil: café"));
}

/// <summary>Second round of the fourth session: enumerations of people (bulleted lists, one-word items) and initials.</summary>
public sealed class EnumerationEvidenceTests
{
    private static string[] Persons(string text) =>
        [.. PiiDetector.Default.Detect(text).Where(e => e.Type == PiiEntityType.Person).Select(e => text[e.Start..e.End])];

    [Fact]
    public void Unknown_pair_in_a_bulleted_list_of_names_is_a_person() =>
        Assert.Contains("Gerlinde Oyelaran", Persons("Deelnemers:\n- Gerlinde Oyelaran\n- Jan Peeters\n- Marie Dubois"));

    [Fact]
    public void Heading_above_a_bulleted_list_of_names_is_not_a_person() =>
        Assert.DoesNotContain("Groupe Travail", Persons("Groupe Travail\n- Jan Peeters\n- Marie Dubois"));

    [Fact]
    public void One_word_item_after_two_names_in_an_enumeration_is_a_person() =>
        Assert.Contains("Oyelaran", Persons("Aanwezig: Jan Peeters, K. Vermeulen, Oyelaran"));

    [Fact]
    public void One_word_item_after_a_single_name_is_not_enough() =>
        Assert.DoesNotContain("Oyelaran", Persons("Contact: Jan Peeters, Oyelaran"));

    [Fact]
    public void Hyphenated_initials_belong_to_the_name() =>
        Assert.Equal(["J.-M. Vermeulen"], Persons("Visa : J.-M. Vermeulen (directeur)"));
}

/// <summary>Second round of the fourth session: states only people are in, English family names, institution compounds.</summary>
public sealed class PredicateEvidenceTests
{
    private static string[] Persons(string text) =>
        [.. PiiDetector.Default.Detect(text).Where(e => e.Type == PiiEntityType.Person).Select(e => text[e.Start..e.End])];

    [Fact]
    public void Unknown_word_in_a_state_only_a_person_is_in_is_a_person() =>
        Assert.Equal(["Oyelaran", "Tamsirou"], Persons("Je vous informe que Oyelaran est absente. Hier, Tamsirou is ziek."));

    [Fact]
    public void Unknown_word_with_another_predicate_is_not_a_person() =>
        Assert.Empty(Persons("Je vous informe que Horizon est disponible. Hier, Cipalon is gesloten."));

    [Fact]
    public void Unknown_word_before_family_is_a_person() =>
        Assert.Equal(["Oyelaran"], Persons("The child was placed with the Oyelaran family last week."));

    [Fact]
    public void Compound_of_an_institution_noun_is_not_a_person() =>
        Assert.Empty(Persons("Kick-off in het Gerlinde Oyelarangebouw; die Kinder gehen zur Gemeindeschule Oyelaran."));
}

/// <summary>Second round of the fourth session: a relative named in brackets.</summary>
public sealed class BracketEvidenceTests
{
    private static string[] Persons(string text) =>
        [.. PiiDetector.Default.Detect(text).Where(e => e.Type == PiiEntityType.Person).Select(e => text[e.Start..e.End])];

    [Fact]
    public void Unknown_name_in_brackets_after_a_kin_word_is_a_person() =>
        Assert.Equal(["Oyelaran"], Persons("De moeder (Oyelaran) spreekt weinig Nederlands."));

    [Fact]
    public void Other_word_in_brackets_after_a_kin_word_is_not_a_person() =>
        Assert.Empty(Persons("De moeder (NL) belt morgen; la mère (voir annexe) signe."));
}
