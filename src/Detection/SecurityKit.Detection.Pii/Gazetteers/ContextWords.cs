using System.Collections.Frozen;

namespace SecurityKit.Detection.Pii.Gazetteers;

/// <summary>
/// Closed word classes written into the code rather than shipped as data files: they are grammar (particles,
/// connectors) or context cues of the recognisers, in French, Dutch, German and English.
/// </summary>
internal static class ContextWords
{
    /// <summary>Name particles (van den Broeck, de Smet, von Arnim, El Khattabi).</summary>
    public static readonly string[] NameParticles =
    [
        "van", "de", "der", "den", "ter", "ten", "von", "zu", "vom", "du", "des", "la", "le", "di", "da", "dos", "del",
        "el", "al", "ben", "bin", "'t", "vanden", "vander", "op", "het", "in",
    ];

    /// <summary>Country names written after an address, in brackets or after a comma: not part of the municipality.</summary>
    public static readonly FrozenSet<string> Countries = new[]
    {
        "Belgique", "België", "Belgien", "Belgium", "Nederland", "Pays-Bas", "Niederlande", "Netherlands", "France",
        "Frankrijk", "Frankreich", "Deutschland", "Duitsland", "Allemagne", "Germany", "Luxembourg", "Luxemburg",
        "Suisse", "Zwitserland", "Schweiz", "Switzerland", "Italia", "Italie", "Italy", "España", "Espagne", "Spain",
        "UK", "Royaume-Uni", "Verenigd Koninkrijk", "United Kingdom", "BE", "NL", "FR", "DE", "LU",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Small words inside street names (rue de la Loi, Place d'Armes, Am Markt).</summary>
    public static readonly string[] StreetConnectors =
    [
        "de", "du", "des", "la", "le", "les", "l", "d", "aux", "au", "sous", "sur", "en", "et", "à", "van", "der", "den",
        "ter", "von", "am", "an", "dem", "zum", "zur", "of", "the",
    ];

    /// <summary>Words before a box number (12 bus 3, 12 bte 2).</summary>
    public static readonly string[] BoxWords = ["bus", "bte", "boîte", "boite", "box", "bt", "b", "bo", "app", "apt", "appartement"];

    /// <summary>Words before a house number (n° 5, nr. 12).</summary>
    public static readonly string[] NumberWords = ["n", "no", "nr", "num", "numéro", "nummer", "nº", "n°", "hausnummer"];

    /// <summary>Greetings before a name, possibly with a title between (Chère Madame Dubois).</summary>
    public static readonly string[] Greetings =
    [
        "bonjour", "bonsoir", "cher", "chère", "chers", "beste", "dag", "hallo", "hello", "hi", "dear", "geachte", "liebe",
        "lieber", "salut", "hoi", "coucou", "geehrte", "geehrter", "goedemorgen", "goeiemorgen", "goedemiddag",
        "goedenavond", "hey", "hej", "moin", "servus",
        "ciao", "allo", "allô", "welkom", "bienvenue", "willkommen", "welcome",
    ];

    /// <summary>Role nouns and linking words before a name (patient Jan Peeters, avec Marie Dubois).</summary>
    public static readonly string[] Roles =
    [
        "patient", "patiente", "patiënt", "client", "cliente", "klant", "cliënt", "locataire", "huurder", "mieter",
        "mieterin", "tenant", "employee", "werknemer", "travailleur", "travailleuse", "arbeitnehmer", "collègue",
        "collega", "kollege", "kollegin", "colleague", "fils", "fille", "zoon", "dochter", "sohn", "tochter", "son",
        "daughter", "épouse", "époux", "echtgenote", "echtgenoot", "ehefrau", "ehemann", "wife", "husband", "mari",
        "femme", "vrouw", "man", "partner", "partenaire", "protokollführer", "protokollführerin", "analist", "analyste",
        "analyst", "consultant", "consultante", "berater", "beraterin", "médecin", "arts", "huisarts", "arzt", "ärztin", "doctor",
        "avocat", "avocate", "advocaat", "anwalt", "lawyer", "notaire", "notaris", "notar", "voisin", "voisine", "buurman",
        "buurvrouw", "nachbar", "neighbour", "neighbor", "enfant", "kind", "child", "mère", "père", "moeder", "vader",
        "mutter", "vater", "mother", "father", "élève", "leerling", "schüler", "student", "étudiant", "étudiante",
        "bénéficiaire", "begunstigde", "demandeur", "demanderesse", "aanvrager", "antragsteller", "applicant",
        "citoyen", "citoyenne", "burger", "bürger", "citizen", "monsieur", "madame", "agent", "ambtenaar", "beamter",
        "inspecteur", "inspectrice", "directeur", "directrice", "manager", "chef", "responsable", "verantwoordelijke",
        "titulaire", "houder", "inhaber", "holder", "assuré", "assurée", "verzekerde", "versicherte", "insured",
        "défunt", "défunte", "overledene", "verstorbene", "deceased", "par", "door", "von", "by", "avec", "met", "mit", "with",
        "and", "et", "en", "und",
        // Functions in an organisation, before or after a name (le gérant Jan Peeters; Jan Peeters, secrétaire).
        "président", "présidente", "secrétaire", "trésorier", "trésorière", "échevin", "échevine", "bourgmestre",
        "gérant", "gérante", "administrateur", "administratrice", "conseiller", "conseillère", "voorzitter", "secretaris",
        "penningmeester", "schepen", "burgemeester", "zaakvoerder", "bestuurder", "raadslid", "vorsitzender",
        "vorsitzende", "geschäftsführer", "geschäftsführerin", "bürgermeister", "bürgermeisterin", "schöffe",
        "sekretär", "sekretärin", "chair", "chairman", "chairwoman", "secretary", "treasurer", "mayor", "alderman",
        "ceo", "cfo", "director", "councillor",
        // Functions in a team, after a name in brackets or a comma (X (juriste); Y, analyst).
        "juriste", "jurist", "juristin", "comptable", "boekhouder", "buchhalter", "buchhalterin", "accountant",
        "analyste", "analyst", "stagiaire", "stagiair", "praktikant", "praktikantin", "intern", "assistante",
        "assistent", "assistentin", "teamleider", "coordinateur", "coordinatrice", "coördinator", "koordinator",
        "coordinator", "experte", "deskundige", "medewerker", "medewerkster", "mitarbeiter", "mitarbeiterin",
        "collaborateur", "collaboratrice", "employé", "employée", "gestionnaire", "behandelaar", "sachbearbeiter",
        "sachbearbeiterin", "conseiller", "adviseur", "berater", "beraterin", "advisor", "adviser",
        // Parties and witnesses of a deed or a hearing (second round of session 4).
        "vendeur", "venderesse", "acheteur", "acheteuse", "verkoper", "verkoopster", "koper", "koopster", "verkäufer",
        "verkäuferin", "käufer", "käuferin", "seller", "buyer", "témoin", "getuige", "zeuge", "zeugin", "witness",
    ];
}
