namespace SecurityKit.Detection.Pii.Tests.Recognition;

/// <summary>Floors and flats inside an address, and German compound streets after a noun (session 4).</summary>
public sealed class AddressUnitTests
{
    private static string[] Addresses(string text) =>
        PiiDetector.Default.Detect(text).Where(e => e.Type == PiiEntityType.Address).Select(e => text[e.Start..e.End]).ToArray();

    [Theory]
    [InlineData("Livraison : rue de la Station 14, 2e étage, 5000 Namur. Merci.", "rue de la Station 14, 2e étage, 5000 Namur")]
    [InlineData("Adres: Diestsestraat 80, 3de verdieping, 3000 Leuven.", "Diestsestraat 80, 3de verdieping, 3000 Leuven")]
    [InlineData("Anschrift: Kirchstraße 5, 2. Stock, 4700 Eupen.", "Kirchstraße 5, 2. Stock, 4700 Eupen")]
    [InlineData("Please send it to Rue du Marché 9, apartment 4B, 1000 Bruxelles.", "Rue du Marché 9, apartment 4B, 1000 Bruxelles")]
    [InlineData("She lives at Avenue des Arts 12, 5th floor, 1210 Saint-Josse-ten-Noode.", "Avenue des Arts 12, 5th floor, 1210 Saint-Josse-ten-Noode")]
    [InlineData("Adresse :\nBoulevard Tirou 31, 1er étage\n6000 Charleroi", "Boulevard Tirou 31, 1er étage\n6000 Charleroi")]
    public void A_floor_or_flat_before_the_postcode_is_part_of_the_address(string text, string address) =>
        Assert.Equal([address], Addresses(text));

    [Fact]
    public void A_floor_with_no_postcode_after_it_stays_outside_the_address() =>
        Assert.Equal(["rue Haute 40"], Addresses("Le bureau est rue Haute 40, 3e étage, à côté de l'ascenseur."));

    [Fact]
    public void A_count_before_floor_words_is_not_a_floor_of_the_address() =>
        Assert.Equal(["Kerkstraat 7, 9000 Gent"], Addresses("Kerkstraat 7, 9000 Gent heeft 3 verdiepingen."));

    [Fact]
    public void A_german_noun_before_a_compound_street_is_not_part_of_it() =>
        Assert.Equal(["Hauptstraße 117, 4780 Sankt Vith"], Addresses("Das Auto parkte vor dem Haus Hauptstraße 117, 4780 Sankt Vith."));

    [Fact]
    public void A_declined_adjective_before_a_compound_street_stays_part_of_it() =>
        Assert.Equal(["Alte Poststraße 3, 4700 Eupen"], Addresses("Wir wohnen in der Alte Poststraße 3, 4700 Eupen."));
}
