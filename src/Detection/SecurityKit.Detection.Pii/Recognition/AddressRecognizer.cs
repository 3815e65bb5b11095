using SecurityKit.Detection.Pii.Gazetteers;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// Postal addresses as Belgians write them: a street (French <c>rue|avenue|chaussée… + name</c>, Dutch and German
/// compounds <c>Kerkstraat</c>, <c>Hauptstraße</c>, or a name + <c>Markt|Plein|Laan</c>), a house number with an
/// optional box (<c>bus 3</c>, <c>bte 2</c>, <c>/3</c>), then optionally a four-digit postcode and the municipality,
/// on the same line or the next. A street word without a house number or postcode is not an address ("la rue de
/// la Loi a décidé", "de Wetstraat"), so institutions named after their street are left alone.
/// </summary>
public sealed class AddressRecognizer : IPiiRecognizer
{
    private const int MaxStreetNameWords = 7;

    private readonly Gazetteer gazetteer = Gazetteer.Shared;

    /// <inheritdoc />
    public string Name => "address";

    /// <inheritdoc />
    public void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var tokens = Tokenizer.Tokenize(text);
        Recognize(text, tokens, results);
    }

    internal void Recognize(ReadOnlySpan<char> text, TokenList tokens, IList<PiiEntity> results)
    {
        var i = 0;
        while (i < tokens.Count)
        {
            if (tokens[i].Kind == TokenKind.Word && TryStreet(text, tokens, i, out var streetStart, out var streetEnd)
                && TryRest(text, tokens, streetEnd + 1, out var end, out var hasNumber, out var hasPostcode, out var placeKnown))
            {
                if (hasNumber || hasPostcode)
                {
                    var score = (hasNumber, hasPostcode) switch
                    {
                        (true, true) => placeKnown ? 0.97 : 0.93,
                        (true, false) => 0.85,
                        _ => 0.7,
                    };
                    var start = tokens[streetStart].Start;
                    // French order "12, rue des Fleurs": a house number right before the street word belongs to it.
                    if (streetStart >= 1 && tokens[streetStart - 1].Kind == TokenKind.Number && !hasNumber)
                    {
                        start = tokens[streetStart - 1].Start;
                    }
                    else if (streetStart >= 2 && tokens[streetStart - 1].Kind == TokenKind.Punct && text[tokens[streetStart - 1].Start] == ','
                        && tokens[streetStart - 2].Kind == TokenKind.Number && !hasNumber)
                    {
                        start = tokens[streetStart - 2].Start;
                    }

                    results.Add(new PiiEntity(start, tokens[end].End, PiiEntityType.Address, score));
                    i = end + 1;
                    continue;
                }
            }

            i++;
        }
    }

    private bool TryStreet(ReadOnlySpan<char> text, TokenList tokens, int i, out int start, out int end)
    {
        start = i;
        end = i;
        var w = Word(text, tokens[i]);
        var wordClass = tokens.Class(text, i);
        if ((wordClass & WordClass.StreetPrefix) != 0)
        {
            // rue | avenue | chaussée … followed by the street's name: capitalised words joined by de/du/des/la/l'…
            var k = i + 1;
            if (k < tokens.Count && IsDot(text, tokens[k]))
            {
                k++;
            }

            var capitalised = 0;
            var last = -1;
            var words = 0;
            while (k < tokens.Count && words < MaxStreetNameWords)
            {
                var t = tokens[k];
                if (t.Kind == TokenKind.Word)
                {
                    var n = Word(text, t);
                    if (IsCapitalisedName(n))
                    {
                        capitalised++;
                        last = k;
                    }
                    else if (!tokens.Is(text, k, WordClass.StreetConnector))
                    {
                        break;
                    }
                }
                else if (!(t.Kind == TokenKind.Punct && text[t.Start] is '\'' or '’' or '-'))
                {
                    break;
                }

                words++;
                k++;
            }

            if (capitalised == 0)
            {
                return false;
            }

            end = last;
            return true;
        }

        // Lower-case words can only be a whole street word ("Linde laan"); compounds are capitalised (Kerkstraat).
        bool whole;
        if (!char.IsUpper(w[0]))
        {
            if ((wordClass & WordClass.StreetSuffix) == 0)
            {
                return false;
            }

            whole = true;
        }
        else if (!gazetteer.EndsWithStreetSuffix(w, out whole))
        {
            return false;
        }

        if (whole)
        {
            // "Grote Markt", "Oude Baan", "Am Markt": the suffix word needs a capitalised word (or am/an) before it.
            if (i == 0 || tokens[i - 1].Kind != TokenKind.Word)
            {
                return false;
            }

            var previous = Word(text, tokens[i - 1]);
            if (!char.IsUpper(previous[0]) && !tokens.Is(text, i - 1, WordClass.StreetConnector))
            {
                return false;
            }

            start = i - 1;
        }
        else if (w.Length < 6)
        {
            return false;
        }

        // A preceding capitalised word belongs to the street name (Koning Albertlaan, Sint Jansstraat).
        if (!whole && i > 0 && tokens[i - 1].Kind == TokenKind.Word && Adjacent(text, tokens[i - 1], tokens[i]))
        {
            var previous = Word(text, tokens[i - 1]);
            if (IsCapitalisedName(previous) && !tokens.Is(text, i - 1, WordClass.Stopword | WordClass.Title) && !IsSentenceStart(text, tokens, i - 1)
                && !IsGermanNounBeforeCompound(w, previous))
            {
                start = i - 1;
            }
        }

        end = i;
        // German abbreviation "Hauptstr." keeps its dot.
        if (w.EndsWith("str", StringComparison.OrdinalIgnoreCase) && i + 1 < tokens.Count && IsDot(text, tokens[i + 1]))
        {
            end = i + 1;
        }

        return true;
    }

    private bool TryRest(ReadOnlySpan<char> text, TokenList tokens, int k, out int end, out bool hasNumber, out bool hasPostcode, out bool placeKnown)
    {
        end = k - 1;
        hasNumber = false;
        hasPostcode = false;
        placeKnown = false;
        if (k < tokens.Count && IsComma(text, tokens[k]))
        {
            k++;
        }

        // Optional "n°", "nr." before the number.
        if (k < tokens.Count && tokens.Is(text, k, WordClass.NumberWord))
        {
            k++;
            while (k < tokens.Count && tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] is '.' or '°' or 'º')
            {
                k++;
            }
        }
        else if (k < tokens.Count && tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] is '°' or 'º' && k > 0 && IsLetterN(text, tokens[k - 1]))
        {
            k++;
        }

        if (k < tokens.Count && tokens[k].Kind == TokenKind.Number && tokens[k].Length <= 5 && !IsPostcode(text, tokens, k))
        {
            hasNumber = true;
            end = k;
            k++;
            // Ranges and boxes: 12-14, 12/3, 12 bus 3, 12 bte 2, 12 b. 3, 12 boîte A.
            if (k + 1 < tokens.Count && tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] is '-' or '/' && tokens[k + 1].Kind == TokenKind.Number
                && tokens[k].Start == tokens[k - 1].End)
            {
                end = k + 1;
                k += 2;
            }

            var b = k;
            if (b < tokens.Count && IsComma(text, tokens[b]))
            {
                b++;
            }

            if (b < tokens.Count && tokens.Is(text, b, WordClass.BoxWord))
            {
                b++;
                if (b < tokens.Count && IsDot(text, tokens[b]))
                {
                    b++;
                }

                if (b < tokens.Count && (tokens[b].Kind == TokenKind.Number || (tokens[b].Kind == TokenKind.Word && tokens[b].Length <= 2)))
                {
                    end = b;
                    k = b + 1;
                    // Flemish boxes numbered floor.unit: "bus 0.3", "bus 2.01".
                    if (tokens[b].Kind == TokenKind.Number && k + 1 < tokens.Count && IsDot(text, tokens[k]) && tokens[k + 1].Kind == TokenKind.Number
                        && tokens[k].Start == tokens[b].End && tokens[k + 1].Start == tokens[k].End && tokens[k + 1].Length <= 2)
                    {
                        end = k + 1;
                        k += 2;
                    }
                }
            }
        }

        // A floor or flat between the house number and the postcode ("Avenue Louise 367, 4e étage, 1050 Bruxelles",
        // "Rue Gray 160, apartment 2B, 1040 Etterbeek"): part of the address when a postcode follows it.
        if (hasNumber && UnitDesignatorEnd(text, tokens, k) is var unitEnd and > 0 && PostcodeAfter(text, tokens, unitEnd + 1))
        {
            end = unitEnd;
            k = unitEnd + 1;
        }

        // Postcode and municipality, after a comma, a dash or a line break.
        var p = k;
        var newlines = 0;
        while (p < tokens.Count && (IsComma(text, tokens[p]) || (tokens[p].Kind == TokenKind.Punct && text[tokens[p].Start] is '-' or '–') || tokens[p].Kind == TokenKind.Newline))
        {
            newlines += tokens[p].Kind == TokenKind.Newline ? 1 : 0;
            p++;
        }

        if (newlines > 1)
        {
            return true;
        }

        // Country prefix of the postcode: "B-1000", "L-1511", "F-59000", "D-52062", "NL-5591".
        if (p + 2 < tokens.Count && tokens[p].Kind == TokenKind.Word && Word(text, tokens[p]) is "B" or "BE" or "L" or "F" or "D" or "NL"
            && text[tokens[p + 1].Start] == '-' && tokens[p + 2].Kind == TokenKind.Number)
        {
            p += 2;
        }

        if (p < tokens.Count && (IsPostcode(text, tokens, p) || IsForeignPostcode(text, tokens, p)) && p + 1 < tokens.Count && tokens[p + 1].Kind == TokenKind.Word)
        {
            var placeToken = p + 1;
            // Dutch postcodes carry two letters: "5591 AB Heeze".
            if (tokens[p].Length == 4 && tokens[placeToken].Length == 2 && IsUpperCase(Word(text, tokens[placeToken])) && placeToken + 1 < tokens.Count
                && tokens[placeToken + 1].Kind == TokenKind.Word && char.IsUpper(text[tokens[placeToken + 1].Start]))
            {
                placeToken++;
            }

            var place = Word(text, tokens[placeToken]);
            if (char.IsUpper(place[0]))
            {
                hasPostcode = true;
                p = placeToken - 1;
                end = p + 1;
                var name = place;
                // Two-word municipalities: La Louvière, Sankt Vith, Le Roeulx.
                if (p + 2 < tokens.Count && tokens[p + 2].Kind == TokenKind.Word && place is "La" or "Le" or "Les" or "Sankt" or "De" or "Den"
                    && char.IsUpper(text[tokens[p + 2].Start]))
                {
                    end = p + 2;
                    name = text[tokens[p + 1].Start..tokens[p + 2].End];
                }

                placeKnown = gazetteer.IsPlace(name);
                // "(Ixelles)" after the municipality, but not a country: "5591 Heeze (Nederland)".
                if (end + 3 < tokens.Count && text[tokens[end + 1].Start] == '(' && tokens[end + 2].Kind == TokenKind.Word && text[tokens[end + 3].Start] == ')'
                    && !ContextWords.Countries.Contains(Word(text, tokens[end + 2]).ToString()))
                {
                    end += 3;
                }
            }
        }
        else if (hasNumber && p > k && p < tokens.Count && tokens[p].Kind == TokenKind.Word && char.IsUpper(text[tokens[p].Start]))
        {
            // A known municipality without its postcode after the number: "rue des Brigades d'Irlande 1, Namur".
            var last = p;
            if (p + 1 < tokens.Count && tokens[p + 1].Kind == TokenKind.Word && Adjacent(text, tokens[p], tokens[p + 1]) && char.IsUpper(text[tokens[p + 1].Start])
                && gazetteer.IsPlace(text[tokens[p].Start..tokens[p + 1].End]))
            {
                last = p + 1;
            }

            if (gazetteer.IsPlace(text[tokens[p].Start..tokens[last].End]) && (last + 1 >= tokens.Count || tokens[last + 1].Kind is not TokenKind.Word))
            {
                end = last;
                placeKnown = true;
            }
        }

        return true;
    }

    /// <summary>
    /// German compounds name the street in one word (<c>Hauptstraße</c>): a capitalised word before one is a noun of the
    /// sentence (<c>vor dem Haus Hauptstraße 117</c>) unless it is a declined adjective (<c>Alte Poststraße</c>,
    /// <c>Aachener Straße</c> is two words and not a compound).
    /// </summary>
    private static bool IsGermanNounBeforeCompound(ReadOnlySpan<char> street, ReadOnlySpan<char> previous) =>
        (street.EndsWith("straße", StringComparison.OrdinalIgnoreCase) || street.EndsWith("strasse", StringComparison.OrdinalIgnoreCase))
        && street.Length > 7
        && !previous.EndsWith("e", StringComparison.Ordinal) && !previous.EndsWith("er", StringComparison.Ordinal)
        && !previous.EndsWith("es", StringComparison.Ordinal) && !previous.EndsWith("en", StringComparison.Ordinal);

    private static readonly HashSet<string> FloorWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "étage", "etage", "ét", "verdieping", "verd", "Stock", "OG", "Obergeschoss", "floor", "fl",
    };

    private static readonly HashSet<string> OrdinalSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "er", "ère", "re", "ème", "eme", "de", "ste", "e", "st", "nd", "rd", "th",
    };

    private static readonly HashSet<string> FlatWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "appartement", "apartment", "app", "appt", "apt", "flat", "unit", "Wohnung", "Whg", "studio",
    };

    private static readonly HashSet<string> GroundFloorWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "rez-de-chaussée", "gelijkvloers", "Erdgeschoss", "EG",
    };

    /// <summary>
    /// The last token of one or two floor or flat designators after a comma at <paramref name="k"/>
    /// (<c>4e étage</c>, <c>3de verdieping</c>, <c>2. Stock</c>, <c>3rd floor</c>, <c>floor 3</c>, <c>apartment 2B</c>,
    /// <c>app. 5</c>, <c>Wohnung 4</c>, <c>rez-de-chaussée</c>), or -1.
    /// </summary>
    private static int UnitDesignatorEnd(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        var last = -1;
        for (var round = 0; round < 2; round++)
        {
            if (k >= tokens.Count || !IsComma(text, tokens[k]))
            {
                return last;
            }

            var j = k + 1;
            var found = -1;
            if (j < tokens.Count && tokens[j].Kind == TokenKind.Word && GroundFloorWords.Contains(Word(text, tokens[j]).ToString()))
            {
                found = j;
            }
            else if (j < tokens.Count && tokens[j].Kind == TokenKind.Number && tokens[j].Length <= 3)
            {
                // Ordinal: "4e", "3de", "3rd", "2." then a floor word.
                var f = j + 1;
                if (f < tokens.Count && tokens[f].Kind == TokenKind.Word && tokens[f].Start == tokens[j].End && OrdinalSuffixes.Contains(Word(text, tokens[f]).ToString()))
                {
                    f++;
                }
                else if (f < tokens.Count && IsDot(text, tokens[f]) && tokens[f].Start == tokens[j].End)
                {
                    f++;
                }

                if (f < tokens.Count && tokens[f].Kind == TokenKind.Word && FloorWords.Contains(Word(text, tokens[f]).ToString()))
                {
                    found = f + 1 < tokens.Count && IsDot(text, tokens[f + 1]) && tokens[f + 1].Start == tokens[f].End && Word(text, tokens[f]).Length <= 4 ? f + 1 : f;
                }
            }
            else if (j < tokens.Count && tokens[j].Kind == TokenKind.Word && (FlatWords.Contains(Word(text, tokens[j]).ToString()) || FloorWords.Contains(Word(text, tokens[j]).ToString())))
            {
                // "apartment 2B", "app. 5", "floor 3", "étage 2".
                var v = j + 1;
                if (v < tokens.Count && IsDot(text, tokens[v]) && tokens[v].Start == tokens[j].End)
                {
                    v++;
                }

                if (v < tokens.Count && tokens[v].Kind == TokenKind.Number && tokens[v].Length <= 4)
                {
                    found = v;
                }
            }

            if (found < 0)
            {
                return last;
            }

            last = found;
            k = found + 1;
        }

        return last;
    }

    /// <summary>Whether a postcode and a capitalised municipality follow at <paramref name="k"/>, after a comma, a dash or one line break.</summary>
    private static bool PostcodeAfter(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        var newlines = 0;
        while (k < tokens.Count && (IsComma(text, tokens[k]) || (tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] is '-' or '–') || tokens[k].Kind == TokenKind.Newline))
        {
            newlines += tokens[k].Kind == TokenKind.Newline ? 1 : 0;
            k++;
        }

        return newlines <= 1 && k + 1 < tokens.Count && IsPostcode(text, tokens, k) && tokens[k + 1].Kind == TokenKind.Word && char.IsUpper(text[tokens[k + 1].Start]);
    }

    /// <summary>A five-digit postcode of a neighbouring country (52062 Aachen, 59000 Lille), before a capitalised word.</summary>
    private static bool IsForeignPostcode(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        var t = tokens[k];
        return t.Kind == TokenKind.Number && t.Length == 5 && char.IsAsciiDigit(text[t.End - 1])
            && k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Word && char.IsUpper(text[tokens[k + 1].Start]);
    }

    private static bool IsUpperCase(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPostcode(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        var t = tokens[k];
        if (t.Kind != TokenKind.Number || t.Length != 4 || !char.IsAsciiDigit(text[t.End - 1]) || text[t.Start] == '0')
        {
            return false;
        }

        // A postcode is followed by the municipality's name.
        return k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Word && char.IsUpper(text[tokens[k + 1].Start]);
    }

    private static bool IsCapitalisedName(ReadOnlySpan<char> w)
    {
        // l'Église, d'Anvers: look past the elided article.
        if (w.Length > 2 && w[1] is '\'' or '’')
        {
            w = w[2..];
        }

        return w.Length > 0 && (char.IsUpper(w[0]) || char.IsAsciiDigit(w[0]));
    }

    private static bool IsSentenceStart(ReadOnlySpan<char> text, TokenList tokens, int k) =>
        k == 0 || tokens[k - 1].Kind == TokenKind.Newline || (tokens[k - 1].Kind == TokenKind.Punct && text[tokens[k - 1].Start] is '.' or ':' or '!' or '?');

    private static bool Adjacent(ReadOnlySpan<char> text, Token a, Token b) => b.Start - a.End is 1 && text[a.End] == ' ';

    private static ReadOnlySpan<char> Word(ReadOnlySpan<char> text, Token t) => text[t.Start..t.End];

    private static bool IsDot(ReadOnlySpan<char> text, Token t) => t.Kind == TokenKind.Punct && text[t.Start] == '.';

    private static bool IsComma(ReadOnlySpan<char> text, Token t) => t.Kind == TokenKind.Punct && text[t.Start] == ',';

    private static bool IsLetterN(ReadOnlySpan<char> text, Token t) => t.Kind == TokenKind.Word && t.Length == 1 && text[t.Start] is 'n' or 'N';
}
