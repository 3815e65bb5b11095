namespace SecurityKit.Detection.Pii.Gazetteers;

/// <summary>
/// What the shipped word lists say about one word, as bits, so that the name and address recognisers learn
/// everything about a word from a single case-insensitive hash lookup instead of one lookup per list.
/// </summary>
[Flags]
internal enum WordClass : uint
{
    None = 0,
    FirstName = 1 << 0,
    Surname = 1 << 1,
    Place = 1 << 2,
    Stopword = 1 << 3,
    Title = 1 << 4,
    StreetPrefix = 1 << 5,

    /// <summary>A whole street-type word that closes a name written apart (<c>Grote Markt</c>, <c>Linde laan</c>).</summary>
    StreetSuffix = 1 << 6,

    /// <summary>A name particle: <c>van</c>, <c>de</c>, <c>von</c>, <c>El</c>.</summary>
    NameParticle = 1 << 7,

    /// <summary>A role noun longer than three letters (<c>patient</c>, <c>collega</c>, <c>Antragsteller</c>): never a name itself.</summary>
    Role = 1 << 8,

    /// <summary>A small word inside a street name (<c>de la</c>, <c>van der</c>, <c>am</c>).</summary>
    StreetConnector = 1 << 9,

    /// <summary>A word introducing a box number (<c>bus</c>, <c>bte</c>, <c>boîte</c>).</summary>
    BoxWord = 1 << 10,

    /// <summary>A word introducing a house number (<c>n°</c>, <c>nr</c>, <c>Hausnummer</c>).</summary>
    NumberWord = 1 << 11,

    /// <summary>A greeting before a name (<c>Beste</c>, <c>Chère</c>, <c>Dear</c>).</summary>
    Greeting = 1 << 12,

    /// <summary>A name of the lists that is also a common word in FR, NL, DE or EN (<c>Will</c>, <c>Rose</c>, <c>Page</c>).</summary>
    CommonWord = 1 << 13,

    /// <summary>Set once the word has been looked up (lazy classification of tokens).</summary>
    Classified = 1u << 31,
}
