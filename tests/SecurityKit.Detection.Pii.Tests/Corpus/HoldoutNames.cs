namespace SecurityKit.Detection.Pii.Tests.Corpus;

/// <summary>
/// Names and places used only by the held-out part of the corpus. They appear in none of the detector's gazetteers
/// (a test checks it), so the held-out figures measure what context rules find, not what the lists remember.
/// </summary>
internal static class HoldoutNames
{
    public static readonly string[] FirstNames =
    [
        "Kwame", "Achraf", "Brahim", "Nawal", "Siham", "Oumaima", "Wietse", "Amaury", "Hadewijch", "Jitske", "Ylena", "Maelle",
        "Ouassima", "Chaïma", "Cyriel", "Gwendoline", "Jorunn", "Nkemdirim", "Rodrigo", "Zbigniew", "Radosław", "Dragana",
        "Milica", "Armend", "Blerina", "Kalala", "Nkosi", "Thibaut", "Tshala", "Bavo", "Bienvenu", "Ornella", "Mounir", "Oluwaseun",
    ];

    public static readonly string[] Surnames =
    [
        "Vanhoutte", "Bostoen", "Dewaele", "Lievens", "Ghysels", "Delvaux", "Houart", "Gillard", "Pirlot", "Tshibangu",
        "Mukendi", "Lukusa", "El Khattabi", "Bouchtaoui", "Özdemir", "Çelik", "Mancini", "Lombardi", "Wiśniewski",
        "Zielińska", "Vandeputte", "Soetaert", "Verhelst", "Cnudde", "Dejonghe", "Wyffels", "Lecocq", "Hanssens",
        "Dethier", "Boulanger", "Fraikin", "Marnette", "Schyns", "Mathonet", "Kohnen", "Heinen", "Backes",
    ];

    public static readonly string[] Streets =
    [
        "Bosstraat", "Molenstraat", "Kapelstraat", "Stationsstraat", "Dorpsstraat", "Beekstraat", "Veldstraat",
        "Schoolstraat", "Kasteeldreef", "Linde laan",
    ];

    public static readonly (int Postcode, string Name)[] Places =
    [
        (4910, "Theux"), (5190, "Jemeppe-sur-Sambre"), (9950, "Lievegem"), (6630, "Martelange"), (2870, "Puurs-Sint-Amands"),
        (5590, "Ciney"), (6940, "Durbuy"), (4190, "Ferrières"), (7880, "Flobecq"), (1360, "Perwez"), (4837, "Baelen"),
    ];
}
