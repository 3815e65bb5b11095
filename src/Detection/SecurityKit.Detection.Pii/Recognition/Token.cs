namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>Kinds of token the name and address recognisers reason about.</summary>
internal enum TokenKind
{
    /// <summary>Letters, with inner hyphens and apostrophes (Jean-Pierre, d'Ursel, Braine-l'Alleud).</summary>
    Word,

    /// <summary>Digits, optionally followed by one letter (12, 12A).</summary>
    Number,

    /// <summary>One punctuation or symbol character.</summary>
    Punct,

    /// <summary>A line break.</summary>
    Newline,
}

/// <summary>A token: a kind and its offsets in the text.</summary>
internal readonly record struct Token(int Start, int End, TokenKind Kind)
{
    public int Length => End - Start;
}
