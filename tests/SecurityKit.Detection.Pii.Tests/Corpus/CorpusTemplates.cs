namespace SecurityKit.Detection.Pii.Tests.Corpus;

/// <summary>
/// Texts a civil servant or a citizen might paste into an assistant, with slots: <c>{PERSON}</c>, <c>{TITLED}</c>
/// (a title and a name; the title is not part of the span), <c>{INITIAL}</c> (J. Peeters), <c>{UPPER}</c> (PEETERS
/// Jan), <c>{SURNAME}</c> (the previous person's surname again), <c>{ADDRESS}</c>, every identifier type by its
/// contract name, <c>{DATE_OF_BIRTH}</c> (the marker is in the template) and hard negatives that must not be found:
/// <c>{BAD_NISS}</c>, <c>{BAD_KBO}</c>, <c>{BAD_IBAN}</c>, <c>{BAD_CARD}</c>, <c>{CASE_REF}</c>, <c>{AMOUNT}</c>,
/// <c>{DATE}</c>, <c>{CITY}</c>, <c>{INSTITUTION}</c>.
/// </summary>
internal static class CorpusTemplates
{
    public static readonly string[] French =
    [
        "Bonjour, je m'appelle {PERSON} et j'habite {ADDRESS}. Mon numéro national est {NATIONAL_NUMBER}. Pouvez-vous m'aider à remplir ma déclaration ?",
        "Peux-tu reformuler ce courrier : « {TITLED}, domicilié {ADDRESS}, est invité à se présenter le {DATE} au service Population. »",
        "Résume ce dossier : le demandeur, {PERSON}, né le {DATE_OF_BIRTH}, sollicite un remboursement de {AMOUNT} sur le compte {IBAN}.",
        "Objet : réclamation – réf. {CASE_REF}\nMadame, Monsieur,\nJe conteste la facture de {AMOUNT}. Vous pouvez me joindre au {PHONE} ou par mail à {EMAIL}.\nCordialement,\n{PERSON}",
        "Traduis en néerlandais : La société (BCE {ENTERPRISE_NUMBER}) est représentée par {TITLED}, gérant.",
        "Le véhicule immatriculé {LICENSE_PLATE} appartient à {TITLED}. L'infraction a été constatée à {CITY} le {DATE}.",
        "Voici un extrait du PV : {UPPER}, numéro de carte d'identité {EID_CARD_NUMBER}, déclare avoir perdu sa carte bancaire {PAYMENT_CARD}.",
        "Corrige l'orthographe : le patient {PERSON} (NISS {NATIONAL_NUMBER}) a été hospitalisé. Son médecin traitant, {TITLED}, est joignable au {PHONE}.",
        "Rédige une réponse polie à {TITLED} qui demande pourquoi son allocation de {AMOUNT} n'a pas été versée (dossier {CASE_REF}, article 1382 du Code civil).",
        "Analyse ce log : connexion refusée depuis {IP_ADDRESS} pour l'utilisateur {EMAIL} à 14:32.",
        "Chère {TITLED},\nSuite à notre entretien du {DATE}, je vous confirme que votre demande est complète.\nBien à vous,\n{PERSON}",
        "Le locataire {PERSON} occupe l'appartement situé {ADDRESS} depuis le {DATE}. Le loyer de {AMOUNT} est versé sur le compte {IBAN}.",
        "Fais un tableau avec ces données : {PERSON}, né le {DATE_OF_BIRTH}, {ADDRESS}, tél. {PHONE}.",
        "Le numéro {BAD_NISS} est-il un numéro national valide ? Et le numéro d'entreprise {BAD_KBO} ?",
        "Réunion du Conseil communal du {DATE} à {CITY} : approbation du budget ({AMOUNT}) et de la convention avec {INSTITUTION}.",
        "Aide-moi à écrire un mail à mon collègue {PERSON} pour lui dire que la réunion avec {TITLED} est déplacée au {DATE}.",
        "Mon fils {PERSON} est né le {DATE_OF_BIRTH}. Son numéro de registre national est {NATIONAL_NUMBER}. Quels documents dois-je fournir à la commune ?",
        "La facture de la SRL (TVA {ENTERPRISE_NUMBER}) doit être payée sur {IBAN} avant le {DATE}. Contact : {EMAIL}.",
        "Selon l'arrêté royal du {DATE}, le montant de {AMOUNT} est indexé. Réf. {CASE_REF}. Le compte {BAD_IBAN} est refusé par la banque.",
        "Je soussigné {PERSON}, domicilié {ADDRESS}, déclare sur l'honneur que les informations sont exactes.",
        "Le témoin, {TITLED}, a vu la voiture {LICENSE_PLATE} quitter les lieux. Il a ensuite appelé le {PHONE}. {SURNAME} a confirmé sa déclaration.",
        "Peux-tu vérifier si cette carte {BAD_CARD} est valide ? Elle a été refusée pour un montant de {AMOUNT}.",
        "Le serveur {IP_ADDRESS} envoie des alertes. Prévenir {PERSON} ({EMAIL}) et le SPF Finances.",
        "Rappel : la carte d'identité {EID_CARD_NUMBER} de {TITLED} expire bientôt. Elle peut prendre rendez-vous au {PHONE}.",
    ];

    public static readonly string[] Dutch =
    [
        "Hallo, mijn naam is {PERSON} en ik woon in de {ADDRESS}. Mijn rijksregisternummer is {NATIONAL_NUMBER}. Kan je mijn aanvraag nakijken?",
        "Herschrijf deze brief in eenvoudige taal: \"{TITLED}, wonende te {ADDRESS}, wordt uitgenodigd op {DATE} bij de dienst Burgerzaken.\"",
        "Vat dit dossier samen: de aanvrager, {PERSON}, geboren op {DATE_OF_BIRTH}, vraagt een terugbetaling van {AMOUNT} op rekening {IBAN}.",
        "Betreft: klacht – ref. {CASE_REF}\nGeachte,\nIk betwist de factuur van {AMOUNT}. U kan mij bereiken op {PHONE} of via {EMAIL}.\nMet vriendelijke groeten,\n{PERSON}",
        "Vertaal naar het Frans: De vennootschap met ondernemingsnummer {ENTERPRISE_NUMBER} wordt vertegenwoordigd door {TITLED}, zaakvoerder.",
        "Het voertuig met nummerplaat {LICENSE_PLATE} is van {TITLED}. De overtreding werd vastgesteld in {CITY} op {DATE}.",
        "Uittreksel uit het PV: {UPPER}, kaartnummer identiteitskaart {EID_CARD_NUMBER}, verklaart zijn bankkaart {PAYMENT_CARD} verloren te hebben.",
        "Verbeter de spelling: patiënt {PERSON} (INSZ {NATIONAL_NUMBER}) werd opgenomen. Zijn huisarts, {TITLED}, is bereikbaar op {PHONE}.",
        "Schrijf een beleefd antwoord aan {TITLED} die vraagt waarom de premie van {AMOUNT} niet werd uitbetaald (dossier {CASE_REF}, artikel 19 van het decreet van 2019).",
        "Analyseer deze log: aanmelding geweigerd vanaf {IP_ADDRESS} voor gebruiker {EMAIL} om 09:15.",
        "Beste {PERSON},\nNaar aanleiding van ons gesprek van {DATE} bevestig ik dat uw dossier volledig is.\nVriendelijke groeten,\n{PERSON}",
        "De huurder {PERSON} woont sinds {DATE} in het appartement in de {ADDRESS}. De huur van {AMOUNT} wordt gestort op {IBAN}.",
        "Maak een tabel met deze gegevens: {PERSON}, geboren op {DATE_OF_BIRTH}, {ADDRESS}, tel. {PHONE}.",
        "Is {BAD_NISS} een geldig rijksregisternummer? En is {BAD_KBO} een geldig KBO-nummer?",
        "Gemeenteraad van {DATE} in {CITY}: goedkeuring van de begroting ({AMOUNT}) en van de overeenkomst met {INSTITUTION}.",
        "Help me een mail te schrijven aan mijn collega {PERSON} dat de vergadering met {TITLED} verplaatst is naar {DATE}.",
        "Mijn dochter {PERSON} is geboren op {DATE_OF_BIRTH}, rijksregisternummer {NATIONAL_NUMBER}. Welke documenten heb ik nodig?",
        "De factuur van de BV (btw {ENTERPRISE_NUMBER}) moet betaald worden op {IBAN} voor {DATE}. Contact: {EMAIL}.",
        "Volgens het koninklijk besluit van {DATE} wordt het bedrag van {AMOUNT} geïndexeerd. Ref. {CASE_REF}. Rekening {BAD_IBAN} werd geweigerd.",
        "Ondergetekende {PERSON}, wonende {ADDRESS}, verklaart op erewoord dat de gegevens juist zijn.",
        "De getuige, {TITLED}, zag de wagen {LICENSE_PLATE} wegrijden en belde daarna {PHONE}. {SURNAME} bevestigde later zijn verklaring.",
    ];

    public static readonly string[] German =
    [
        "Hallo, ich heiße {PERSON} und wohne in der {ADDRESS}. Meine Nationalregisternummer ist {NATIONAL_NUMBER}. Können Sie mir helfen?",
        "Fasse diese Akte zusammen: der Antragsteller {PERSON}, geboren am {DATE_OF_BIRTH}, beantragt eine Erstattung von {AMOUNT} auf das Konto {IBAN}.",
        "Sehr geehrte {TITLED},\nvielen Dank für Ihr Schreiben vom {DATE} (Az. {CASE_REF}). Sie erreichen mich unter {PHONE}.\nMit freundlichen Grüßen\n{PERSON}",
        "Übersetze ins Französische: Die Firma (Unternehmensnummer {ENTERPRISE_NUMBER}) wird durch {TITLED} vertreten. E-Mail: {EMAIL}.",
        "Das Fahrzeug mit dem Kennzeichen {LICENSE_PLATE} gehört {TITLED}, wohnhaft {ADDRESS}.",
        "Ist {BAD_NISS} eine gültige Nationalregisternummer? Die Sitzung des Gemeinderats in {CITY} findet am {DATE} statt.",
        "Der Patient {PERSON} (geboren am {DATE_OF_BIRTH}) wurde von {TITLED} überwiesen. Rückfragen an {EMAIL}.",
        "Bitte prüfe: Karte {PAYMENT_CARD}, Personalausweis {EID_CARD_NUMBER}, Betrag {AMOUNT}, Zugriff von {IP_ADDRESS}.",
    ];

    public static readonly string[] English =
    [
        "Hi, my name is {PERSON} and I live at {ADDRESS}. My Belgian national number is {NATIONAL_NUMBER}. Can you help me fill in the form?",
        "Summarise this case: the applicant, {PERSON}, born on {DATE_OF_BIRTH}, requests a refund of {AMOUNT} to account {IBAN}.",
        "Dear {TITLED},\nThank you for your message of {DATE} (ref. {CASE_REF}). You can reach me on {PHONE}.\nKind regards,\n{PERSON}",
        "Translate to Dutch: The company (enterprise number {ENTERPRISE_NUMBER}) is represented by {TITLED}. Contact: {EMAIL}.",
        "The car with plate {LICENSE_PLATE} belongs to {TITLED}, who lives at {ADDRESS}.",
        "Is {BAD_NISS} a valid Belgian national register number? The council of {CITY} meets on {DATE}.",
        "Check this log: failed login from {IP_ADDRESS} for {EMAIL}; card {PAYMENT_CARD} was blocked after a payment of {AMOUNT}.",
        "Write a short note to my colleague {PERSON} saying that the meeting with {TITLED} and {INSTITUTION} moved to {DATE}.",
        "Patient {PERSON}, DOB {DATE_OF_BIRTH}, identity card {EID_CARD_NUMBER}, referred by {TITLED}.",
        "Is card number {BAD_CARD} valid? And IBAN {BAD_IBAN}? See file {CASE_REF} and Article 6 of the GDPR.",
    ];

    public static readonly string[] Institutions =
    [
        "le SPF Finances", "l'ONSS", "le CPAS de Namur", "la Ville de Liège", "Actiris", "le Forem", "la Région wallonne",
        "het OCMW Gent", "de Stad Antwerpen", "de Vlaamse Belastingdienst", "het Agentschap Opgroeien", "de RVA", "Kind en Gezin",
        "die Deutschsprachige Gemeinschaft", "das Arbeitsamt", "Sciensano", "the Federal Public Service Justice", "Smals",
    ];
}
