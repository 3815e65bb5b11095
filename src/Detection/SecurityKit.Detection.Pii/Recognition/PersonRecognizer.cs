using SecurityKit.Detection.Pii.Gazetteers;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// Person names without a language model: sequences of capitalised words (with particles such as <c>van den</c>,
/// <c>de</c>, <c>von</c>, <c>El</c>, initials such as <c>J.</c> and upper-case surnames such as <c>PEETERS</c>) scored
/// by the gazetteers and by context. Context carries names that are in no list: a title right before
/// (<c>M.</c>, <c>Mevr.</c>, <c>Frau</c>, never part of the span), an introduction (<c>je m'appelle</c>,
/// <c>mijn naam is</c>, <c>ich heiße</c>, <c>my name is</c>), a greeting, a signature line after a closing formula,
/// a role word (<c>patient</c>, <c>collega</c>). Once a name is found, its words elsewhere in the text are names too
/// (<c>Jan Peeters</c> … <c>Peeters</c>).
/// </summary>
public sealed class PersonRecognizer : IPiiRecognizer
{
    private const int MaxNameWords = 5;

    private const WordClass NotAName = WordClass.Stopword | WordClass.Title | WordClass.NameParticle | WordClass.Role;

    private static readonly string[] Introductions =
    [
        "je m'appelle", "je m’appelle", "mon nom est", "mon nom :", "nom :", "nom:", "nom et prénom", "je suis", "moi c'est",
        "mijn naam is", "ik heet", "ik ben", "naam:", "naam :", "ich heiße", "ich heisse", "mein name ist", "ich bin",
        "name:", "name :", "my name is", "i am", "i'm", "this is", "signé", "getekend", "gezeichnet", "signed",
        "contact :", "contact:", "contactpersoon", "personne de contact", "agent traitant", "dossierbeheerder",
        "behandeld door", "sachbearbeiter", "ansprechpartner", "ansprechpartnerin", "traité par", "opgesteld door",
        "rédigé par", "erstellt von", "written by", "prepared by", "de la part de", "namens", "im auftrag von",
        "on behalf of", "à l'attention de", "t.a.v.", "z.hd.", "attn", "attention", "c/o", "pour le compte de",
        "soussigné", "soussignée", "ondergetekende", "unterzeichnete", "unterzeichneter", "undersigned", "au nom de",
        "op naam van", "auf den namen", "in the name of", "prénom et nom", "voornaam en naam",
    ];

    private static readonly string[] Closings =
    [
        "cordialement", "bien à vous", "bien cordialement", "salutations", "sincères salutations", "meilleures salutations",
        "met vriendelijke groeten", "vriendelijke groeten", "vriendelijke groet", "met vriendelijke groet", "groeten",
        "hoogachtend", "mit freundlichen grüßen", "freundliche grüße", "viele grüße", "beste grüße", "mfg", "kind regards",
        "best regards", "regards", "sincerely", "yours sincerely", "best", "thanks", "merci", "bedankt", "danke",
        "bàv", "mvg", "veuillez agréer",
    ];

    private static readonly PhraseSet IntroductionPhrases = new(Introductions);

    private static readonly PhraseSet RolePhrases = new(ContextWords.Roles);

    private readonly Gazetteer gazetteer = Gazetteer.Shared;

    /// <inheritdoc />
    public string Name => "person";

    /// <inheritdoc />
    public void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var tokens = Tokenizer.Tokenize(text);
        Recognize(text, tokens, results);
    }

    internal void Recognize(ReadOnlySpan<char> text, TokenList tokens, IList<PiiEntity> results)
    {
        var candidates = new List<(int First, int Last, double Score)>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (!TryName(text, tokens, i, out var last))
            {
                i++;
                continue;
            }

            var first = TrimLeading(text, tokens, i, last);
            candidates.Add((first, last, Score(text, tokens, first, last)));
            i = last + 1;
        }

        // Words of names already found make the same words elsewhere names too (Jan Peeters … Peeters, J. Peeters).
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var knownLookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (first, last, score) in candidates)
        {
            if (score >= PiiOptions.DefaultThreshold && last > first)
            {
                for (var k = first; k <= last; k++)
                {
                    var w = text[tokens[k].Start..tokens[k].End];
                    if (tokens[k].Kind == TokenKind.Word && w.Length > 2 && !tokens.Is(text, k, WordClass.NameParticle))
                    {
                        knownLookup.Add(w);
                    }
                }
            }
        }

        foreach (var (first, last, score) in candidates)
        {
            var final = score;
            if (final < PiiOptions.DefaultThreshold && known.Count > 0)
            {
                for (var k = first; k <= last; k++)
                {
                    if (tokens[k].Kind == TokenKind.Word && knownLookup.Contains(text[tokens[k].Start..tokens[k].End]))
                    {
                        final = Math.Max(final, 0.8);
                        break;
                    }
                }
            }

            var end = tokens[last].End;
            if (last + 1 < tokens.Count && IsInitial(text, tokens, last) )
            {
                end = tokens[last + 1].End;
            }

            results.Add(new PiiEntity(tokens[first].Start, end, PiiEntityType.Person, Math.Min(1, final)));
        }
    }

    /// <summary>Reads a name-shaped sequence starting at token <paramref name="i"/>; <paramref name="last"/> is its last token.</summary>
    private static bool TryName(ReadOnlySpan<char> text, TokenList tokens, int i, out int last)
    {
        last = -1;
        var words = 0;
        var capitalised = 0;
        var k = i;
        while (k < tokens.Count && words < MaxNameWords)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Word)
            {
                break;
            }

            if (k > i && !Adjacent(text, tokens[k - 1], t, allowDotAfterInitial: IsInitial(text, tokens, k - 1)))
            {
                break;
            }

            if (IsInitial(text, tokens, k) && !(k == i && IsTitleToken(text, tokens, k)))
            {
                words++;
                last = k;
                k += 2; // the initial and its dot
                continue;
            }

            if (IsNameWord(text, tokens, k))
            {
                words++;
                capitalised++;
                last = k;
                k++;
                continue;
            }

            if (k + 1 < tokens.Count && tokens.Is(text, k, WordClass.NameParticle))
            {
                // A particle belongs to the name only when a capitalised name word follows (van den Broeck).
                var n = k + 1;
                while (n < tokens.Count && tokens.Is(text, n, WordClass.NameParticle))
                {
                    n++;
                }

                if (n < tokens.Count && IsNameWord(text, tokens, n) && ParticlesFormASurname(text, tokens, k, n))
                {
                    k = n;
                    continue;
                }
            }

            break;
        }

        // A sequence needs at least one capitalised word that is not an initial.
        return capitalised > 0 && last >= i && tokens[i].Kind == TokenKind.Word
            && (IsNameWord(text, tokens, i) || IsInitial(text, tokens, i) || tokens.Is(text, i, WordClass.NameParticle));
    }

    /// <summary>
    /// Drops words that start a sequence without being part of the name: a lower-case particle before a given name
    /// ("au nom de Marie Dubois"), or a capitalised verb or noun before a known given name ("Prévenir Marie Dubois",
    /// German nouns: "Antragsteller Jan Peeters").
    /// </summary>
    private int TrimLeading(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        while (first < last)
        {
            var w = text[tokens[first].Start..tokens[first].End];
            var next = tokens[first + 1];
            var nextWord = next.Kind == TokenKind.Word ? text[next.Start..next.End] : [];
            var nextIsFirstName = nextWord.Length > 1 && (tokens.Is(text, first + 1, WordClass.FirstName) || IsCompoundFirstName(nextWord));
            var c = tokens.Class(text, first);
            if (char.IsLower(w[0]) && (c & WordClass.NameParticle) != 0 && (nextIsFirstName || !HasTitleBefore(text, tokens, first)))
            {
                first++;
                continue;
            }

            if (nextIsFirstName && !IsInitial(text, tokens, first) && (c & (WordClass.FirstName | WordClass.Surname)) == 0 && !IsCompoundFirstName(w)
                && first + 1 < last)
            {
                first++;
                continue;
            }

            break;
        }

        return first;
    }

    private static bool IsNameWord(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        var t = tokens[k];
        if (t.Kind != TokenKind.Word || t.Length < 2 || !char.IsUpper(text[t.Start]))
        {
            return false;
        }

        var c = tokens.Class(text, k);
        if ((c & NotAName) != 0)
        {
            return false;
        }

        var w = text[t.Start..t.End];
        // An elided pronoun or article glued to a lower-case word (I'm, J'habite, C'est, L'avis) is not a name;
        // elided particles before a capital are (D'Hondt, O'Brien, d'Ursel).
        if (w.Length > 2 && w[1] is '\'' or '’' && char.IsLower(w[2]))
        {
            return false;
        }

        var hasLower = false;
        foreach (var letter in w[1..])
        {
            hasLower |= char.IsLower(letter);
        }

        // Upper-case words are surnames in administrative style (PEETERS Jan) but short ones are acronyms (SPF, CPAS).
        return hasLower || w.Length >= 4 && ((c & (WordClass.Surname | WordClass.FirstName)) != 0 || (c & WordClass.Place) == 0);
    }

    private static bool IsInitial(ReadOnlySpan<char> text, TokenList tokens, int k) =>
        tokens[k].Kind == TokenKind.Word && tokens[k].Length == 1 && char.IsUpper(text[tokens[k].Start])
        && k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Punct && text[tokens[k + 1].Start] == '.'
        && tokens[k + 1].Start == tokens[k].End;

    private static bool IsTitleToken(ReadOnlySpan<char> text, TokenList tokens, int k) => tokens.Is(text, k, WordClass.Title);

    private static bool Adjacent(ReadOnlySpan<char> text, Token previous, Token next, bool allowDotAfterInitial)
    {
        var gap = text[previous.End..next.Start];
        if (allowDotAfterInitial && gap.Length > 0 && gap[0] == '.')
        {
            gap = gap[1..];
        }

        if (gap.Length is 0 or > 2)
        {
            return gap.Length == 0 && allowDotAfterInitial;
        }

        foreach (var c in gap)
        {
            if (c is not (' ' or '\u00A0'))
            {
                return false;
            }
        }

        return true;
    }

    private double Score(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        var nameWords = 0;
        var knownFirst = false;
        var knownSurname = false;
        var places = 0;
        var upper = false;
        for (var k = first; k <= last; k++)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Word || IsInitial(text, tokens, k) || tokens.Is(text, k, WordClass.NameParticle))
            {
                continue;
            }

            var w = text[t.Start..t.End];
            var c = tokens.Class(text, k);
            nameWords++;
            knownFirst |= (c & WordClass.FirstName) != 0 || IsCompoundFirstName(w);
            knownSurname |= (c & WordClass.Surname) != 0;
            places += (c & WordClass.Place) != 0 ? 1 : 0;
            upper |= w.Length > 1 && char.IsUpper(w[1]);
        }

        var hasInitial = IsInitial(text, tokens, first);
        var strong = HasTitleBefore(text, tokens, first) || IntroductionPhrases.EndsBefore(text, tokens[first].Start, 28)
            || HasGreetingBefore(text, tokens, first) || IsSignature(text, tokens, first, last) || HasBirthAfter(text, tokens, last);
        if (strong)
        {
            return places == nameWords && nameWords == 1 && !knownSurname ? 0.6 : 0.92;
        }

        var score = nameWords switch
        {
            >= 2 when knownFirst && knownSurname => 0.95,
            >= 2 when knownFirst => 0.85,
            >= 2 when knownSurname => 0.7,
            1 when hasInitial && knownSurname => 0.75,
            // "D. Gobert" in running text: an initial before a capitalised word is a name's shape; a heading of an
            // outline ("B. Contexte") stands at a line start, and the end of a reference ("RG 21/2614/A. Rekening")
            // is glued to it: both keep the low score.
            1 when hasInitial && !IsSentenceStart(text, tokens, first) && tokens[first].Start > 0 && TextScan.IsSpace(text[tokens[first].Start - 1]) => 0.55,
            >= 2 => 0.35,
            _ => knownSurname ? 0.45 : 0.2,
        };
        if (upper && nameWords >= 2 && (knownFirst || knownSurname))
        {
            score = Math.Max(score, 0.85);
        }

        if (RolePhrases.EndsBefore(text, tokens[first].Start, 16) || HasRoleAfter(text, tokens, last))
        {
            score += nameWords >= 2 || hasInitial ? 0.3 : 0.15;
        }

        if (places > 0)
        {
            score -= 0.4 * places;
        }

        if (IsSentenceStart(text, tokens, first) && nameWords == 1)
        {
            score -= 0.2;
        }

        return Math.Clamp(score, 0, 1);
    }

    private bool IsCompoundFirstName(ReadOnlySpan<char> w)
    {
        var dash = w.IndexOf('-');
        return dash > 0 && gazetteer.IsFirstName(w[..dash]) && gazetteer.IsFirstName(w[(dash + 1)..]);
    }

    private static bool HasTitleBefore(ReadOnlySpan<char> text, TokenList tokens, int first)
    {
        var k = first - 1;
        if (k >= 0 && tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] == '.')
        {
            k--;
        }

        if (k < 0 || tokens[k].Kind != TokenKind.Word)
        {
            return false;
        }

        var w = text[tokens[k].Start..tokens[k].End];
        if (tokens.Is(text, k, WordClass.Title))
        {
            // A one-letter title ("M.") must be upper case and dotted; "de heer" is two words.
            return w.Length > 1 || (char.IsUpper(w[0]) && k + 1 < tokens.Count && text[tokens[k + 1].Start] == '.');
        }

        return false;
    }

    private static bool HasGreetingBefore(ReadOnlySpan<char> text, TokenList tokens, int first)
    {
        var k = first - 1;
        // Skip a title between the greeting and the name (Chère Madame Dubois, Geachte heer Peeters).
        if (k >= 0 && tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] == '.')
        {
            k--;
        }

        if (k >= 0 && tokens.Is(text, k, WordClass.Title))
        {
            k--;
        }

        if (k >= 0 && tokens[k].Kind == TokenKind.Word && text[tokens[k].Start..tokens[k].End].Equals("sehr", StringComparison.OrdinalIgnoreCase))
        {
            k--;
        }

        return k >= 0 && tokens.Is(text, k, WordClass.Greeting);
    }

    /// <summary>
    /// Whether the particles of tokens [<paramref name="first"/>, <paramref name="end"/>) can open a surname. Dutch
    /// "in", "op" and "het" only do so with another particle (In 't Veld, Op de Beeck, Van het Groenewoud); alone they
    /// are the preposition or article before a place or an institution ("Siebe in Rotterdam", "op Brussel").
    /// </summary>
    private static bool ParticlesFormASurname(ReadOnlySpan<char> text, TokenList tokens, int first, int end)
    {
        if (end - first > 1)
        {
            return true;
        }

        var w = text[tokens[first].Start..tokens[first].End];
        return !(w.Equals("in", StringComparison.OrdinalIgnoreCase) || w.Equals("op", StringComparison.OrdinalIgnoreCase)
            || w.Equals("het", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A function right after the name, after a comma or dash (<c>D. Gobert, secrétaire</c>).</summary>
    private static bool HasRoleAfter(ReadOnlySpan<char> text, TokenList tokens, int last)
    {
        var k = last + 1;
        if (k < tokens.Count && tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] == '.' && IsInitial(text, tokens, last))
        {
            k++;
        }

        return k + 1 < tokens.Count && tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] is ',' or '–' or '-' or '('
            && tokens.Is(text, k + 1, WordClass.Role);
    }

    private static bool HasBirthAfter(ReadOnlySpan<char> text, TokenList tokens, int last)
    {
        var after = text[tokens[last].End..];
        after = after[..Math.Min(after.Length, 16)].TrimStart(" ,(");
        return after.StartsWith("né", StringComparison.OrdinalIgnoreCase) || after.StartsWith("geb", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("born", StringComparison.OrdinalIgnoreCase) || after.StartsWith('°');
    }

    private static bool IsSignature(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        // The name stands alone on its line and the previous non-empty line is a closing formula.
        if (first > 0 && tokens[first - 1].Kind != TokenKind.Newline)
        {
            return false;
        }

        if (last + 1 < tokens.Count && tokens[last + 1].Kind != TokenKind.Newline && !(tokens[last + 1].Kind == TokenKind.Punct && IsInitial(text, tokens, last)))
        {
            return false;
        }

        var lineEnd = first > 0 ? tokens[first - 1].Start : 0;
        var before = text[..lineEnd].TrimEnd();
        var lineStart = before.LastIndexOf('\n') + 1;
        var line = before[lineStart..].Trim().TrimEnd(",.!");
        foreach (var closing in Closings)
        {
            if (line.EndsWith(closing, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSentenceStart(ReadOnlySpan<char> text, TokenList tokens, int first)
    {
        if (first == 0)
        {
            return true;
        }

        var previous = tokens[first - 1];
        return previous.Kind == TokenKind.Newline || (previous.Kind == TokenKind.Punct && text[previous.Start] is '.' or '!' or '?' or ':' or '"' or '«' or '(');
    }
}
