using System.Collections.Frozen;
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
        // Case handlers, attendees, copies, mail headers: a name follows (third session).
        "behandelaar", "dossierbehandelaar", "gestionnaire", "gestionnaire du dossier", "gestionnaire de dossier",
        "sachbearbeiterin", "agent", "référent", "referent", "présents", "présentes", "présent", "excusés", "excusé",
        "aanwezig", "aanwezigen", "verontschuldigd",
        // Feminine and plural forms of attendance labels, absentees, witnesses (second round of session 4).
        "excusée", "excusées", "absente", "absents", "absentes", "afwezig", "afwezigen",
        "abwesend", "absent:", "témoin :", "témoin:", "getuige:", "zeuge:", "zeugin:", "witness:", "anwesend", "entschuldigt", "present", "attendees", "apologies",
        "participants", "deelnemers", "teilnehmer", "cc", "cc:", "bcc", "en copie", "in kopie", "in copy", "from:",
        "to:", "aan:", "van:", "de :", "à :", "von:", "an:", "salut c'est", "salut, c'est", "bonjour c'est",
        "bonjour, c'est", "coucou c'est", "coucou, c'est", "hello c'est", "hoi, met", "hallo, met", "hier is",
        "hoi, hier is", "hi, this is", "hier ist", "hallo, hier ist", "t.n.v.", "guten morgen", "guten tag",
        "guten abend", "goede morgen", "goeie morgen", "good morning", "good afternoon", "good evening", "ten name van", "à l'ordre de",
        // Form fields of a given name (fourth session).
        "prénom :", "prénom:", "prénoms :", "voornaam:", "voornaam :", "vorname:", "vorname :", "first name:", "given name:",
    ];

    /// <summary>Introductions after which even a lower-case name is one (<c>je m'appelle jan peeters</c>).</summary>
    private static readonly string[] StrongIntroductions =
    [
        "je m'appelle", "je m’appelle", "mon nom est", "mijn naam is", "ik heet", "ich heiße", "ich heisse",
        "mein name ist", "my name is", "soussigné", "soussignée", "ondergetekende", "salut c'est", "salut, c'est",
        "coucou c'est", "coucou, c'est", "hoi, met", "hallo, met",
    ];

    private static readonly string[] Closings =
    [
        "cordialement", "bien à vous", "bien cordialement", "salutations", "sincères salutations", "meilleures salutations",
        "met vriendelijke groeten", "vriendelijke groeten", "vriendelijke groet", "met vriendelijke groet", "groeten",
        "hoogachtend", "mit freundlichen grüßen", "freundliche grüße", "viele grüße", "beste grüße", "mfg", "kind regards",
        "best regards", "regards", "sincerely", "yours sincerely", "best", "thanks", "merci", "bedankt", "danke",
        "bàv", "mvg", "veuillez agréer", "bonne journée", "bonne soirée", "bon week-end", "à bientôt", "à plus",
        "amitiés", "bises", "groetjes", "fijne dag", "tot later", "tot straks", "liebe grüße", "lg", "schöne grüße",
        "gruß", "grüße", "bis bald", "tschüss", "cheers", "all the best", "take care", "many thanks", "thank you",
        "merci d'avance", "alvast bedankt", "vielen dank", "dank u", "dank je", "amicalement", "tot morgen", "tot dan",
        "à demain", "à plus tard", "bis morgen", "bis dann", "see you", "talk soon", "speak soon",
    ];

    private static readonly PhraseSet ClosingPhrases = new(Closings);

    private static readonly PhraseSet StrongIntroductionPhrases = new(StrongIntroductions);

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
            if (TryName(text, tokens, i, out var last))
            {
                var first = TrimLeading(text, tokens, i, last);
                candidates.Add((first, last, Score(text, tokens, first, last)));
                i = last + 1;
            }
            else if (TryLowerCaseName(text, tokens, i, out last, out var lowerScore))
            {
                candidates.Add((i, last, lowerScore));
                i = last + 1;
            }
            else
            {
                i++;
            }
        }

        JoinEnumerations(text, tokens, candidates);

        // Words of names already found make the same words elsewhere names too (Jan Peeters … Peeters, J. Peeters).
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var knownLookup = known.GetAlternateLookup<ReadOnlySpan<char>>();

        // Names marked by the structure of the text: table columns, JSON keys, chat speakers, mentions.
        var structured = new List<(int Start, int End, double Score)>();
        StructuredNames.Find(text, structured);
        foreach (var (start, end, score) in structured)
        {
            results.Add(new PiiEntity(start, end, PiiEntityType.Person, score));
            foreach (var range in text[start..end].Split(' '))
            {
                var w = text[start..end][range];
                if (w.Length > 2 && !Gazetteer.Shared.Classify(w).HasFlag(WordClass.NameParticle))
                {
                    knownLookup.Add(w);
                }
            }
        }
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
            else if (end - tokens[last].Start > 3 && text[end - 1] == 's' && text[end - 2] is '\'' or '’')
            {
                // The English possessive is not part of the name (forward Rahul Venkataraman's onboarding pack).
                end -= 2;
            }

            var start = HyphenatedInitialsStart(text, tokens[first].Start);

            results.Add(new PiiEntity(start, end, PiiEntityType.Person, Math.Min(1, final)));
        }
    }

    /// <summary>
    /// Hyphenated initials of a compound given name belong to the name (<c>J.-M. Lambotte</c>, <c>M.-L. Dubois</c>),
    /// including when the last initial was read as the title <c>M.</c> before the surname.
    /// </summary>
    private static int HyphenatedInitialsStart(ReadOnlySpan<char> text, int start)
    {
        static bool InitialAt(ReadOnlySpan<char> text, int i) =>
            i >= 0 && i + 1 < text.Length && char.IsUpper(text[i]) && text[i + 1] == '.' && (i == 0 || !char.IsLetter(text[i - 1]));

        // "J.-M. " right before the surname: the "M." is an initial, not a title.
        var s = start;
        if (s >= 6 && text[s - 1] == ' ' && InitialAt(text, s - 3) && text[s - 4] == '-' && InitialAt(text, s - 6))
        {
            s -= 3;
        }

        while (InitialAt(text, s) && s >= 3 && text[s - 1] == '-' && InitialAt(text, s - 3))
        {
            s -= 3;
        }

        return s;
    }

    /// <summary>
    /// A name written in lower case, accepted only after a strong context: a greeting that opens a line
    /// (<c>beste jorik,</c>), an unambiguous introduction (<c>je m'appelle jan peeters</c>), or a closing formula and a
    /// comma at the end of a line (<c>mvg, stijn</c>). One to three words of letters that the lists do not know as
    /// something else; after a greeting or a closing the words must end the clause (comma, line break, end).
    /// </summary>
    private static bool TryLowerCaseName(ReadOnlySpan<char> text, TokenList tokens, int i, out int last, out double score)
    {
        last = -1;
        score = 0;
        // Cheap shape test first: most tokens of a text are lower-case words, so the context and the lexicon are
        // consulted only for a word right after a word or a comma.
        var t = tokens[i];
        if (i == 0 || t.Kind != TokenKind.Word || t.Length < 2 || !char.IsLower(text[t.Start]))
        {
            return false;
        }

        var start = t.Start;
        bool mustEndClause;
        if ((i == 1 || tokens[i - 2].Kind is TokenKind.Newline || tokens[i - 2].Kind == TokenKind.Punct && text[tokens[i - 2].Start] is '"' or '«' or '“' or '>')
            && tokens.Is(text, i - 1, WordClass.Greeting) && !GroupAddressees.Contains(text[t.Start..t.End]))
        {
            mustEndClause = true;
            score = 0.8;
        }
        else if (EndsLikeAnIntroduction(text, tokens[i - 1]) && StrongIntroductionPhrases.EndsBefore(text, start, 28))
        {
            mustEndClause = false;
            score = 0.85;
        }
        else if (i > 1 && tokens[i - 1].Kind == TokenKind.Punct && text[tokens[i - 1].Start] == ',' && ClosingPhrases.EndsBefore(text, start, 28)
            && LineStartsWithClosing(text, start))
        {
            mustEndClause = true;
            score = 0.75;
        }
        else if (IsGovernedLowerCaseGivenName(text, tokens, i))
        {
            // merci karim, avec steph, met marieke, thanks priya: only known given names that are no common word,
            // and only known name words after them (ik heb marieke gevraagd stays marieke).
            last = i;
            var n = i + 1;
            while (n < tokens.Count && n - i < 3 && tokens[n].Kind == TokenKind.Word && char.IsLower(text[tokens[n].Start])
                && Adjacent(text, tokens[n - 1], tokens[n], allowDotAfterInitial: false)
                && (tokens.Class(text, n) & (WordClass.FirstName | WordClass.Surname)) != 0
                && (tokens.Class(text, n) & (NotAName | WordClass.CommonWord | WordClass.Place | WordClass.Greeting)) == 0)
            {
                last = n;
                n++;
            }

            score = 0.6;
            return true;
        }
        else
        {
            return false;
        }

        if (!IsLowerCaseNameWord(text, tokens, i))
        {
            return false;
        }

        last = i;
        var k = i + 1;
        while (k < tokens.Count && k - i < 3 && IsLowerCaseNameWord(text, tokens, k) && Adjacent(text, tokens[k - 1], tokens[k], allowDotAfterInitial: false))
        {
            last = k;
            k++;
        }

        // Particles inside (anas el idrissi) are kept, but not at the end.
        while (last > i && tokens.Is(text, last, WordClass.NameParticle))
        {
            last--;
        }

        if (mustEndClause)
        {
            var next = last + 1;
            var ends = next >= tokens.Count || tokens[next].Kind == TokenKind.Newline
                || tokens[next].Kind == TokenKind.Punct && text[tokens[next].Start] is ',' or '!' or '.' or ':' or '"' or '»' or '”' or ')';
            if (!ends)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A lower-case known given name (not a common word, nor a word the lists know as something else, at least three
    /// letters) right after a word that governs a person (<c>merci</c>, <c>avec</c>, <c>met</c>, <c>bij</c>,
    /// <c>with</c>, <c>mit</c>, <c>thanks</c>, a kin word: <c>oma käthe</c>), or after <c>et</c>/<c>en</c>/<c>and</c>/<c>und</c>
    /// that follows such a name (<c>merci à tiago et inês</c>).
    /// </summary>
    private static bool IsGovernedLowerCaseGivenName(ReadOnlySpan<char> text, TokenList tokens, int i)
    {
        var p = tokens[i - 1];
        if (p.Kind != TokenKind.Word || p.Length > 8 || tokens[i].Length < 3)
        {
            return false;
        }

        var previous = text[p.Start..p.End];
        var governed = LowerCaseNameGoverningWords.Contains(previous) || KinWords.Contains(previous);
        if (!governed && previous is "et" or "en" or "and" or "und" && i >= 2 && tokens[i - 2].Kind == TokenKind.Word && char.IsLower(text[tokens[i - 2].Start]))
        {
            governed = IsLowerCaseGivenName(text, tokens, i - 2) && i >= 3 && tokens[i - 3].Kind == TokenKind.Word
                && LowerCaseNameGoverningWords.Contains(text[tokens[i - 3].Start..tokens[i - 3].End]);
        }

        return governed && IsLowerCaseGivenName(text, tokens, i);
    }

    private static bool IsLowerCaseGivenName(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        var c = tokens.Class(text, k);
        return tokens[k].Length >= 3 && (c & WordClass.FirstName) != 0
            && (c & (NotAName | WordClass.CommonWord | WordClass.Place | WordClass.Greeting | WordClass.StreetPrefix | WordClass.StreetSuffix)) == 0
            && text[tokens[k].Start..tokens[k].End].IndexOfAny('\'', '’') < 0;
    }

    /// <summary>Words after which a lower-case known given name is one (chat style: <c>merci karim</c>, <c>avec steph</c>).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LowerCaseNameGoverningWords = new[]
    {
        "merci", "avec", "chez", "à", "met", "bij", "aan", "with", "mit", "bei", "thanks", "thx", "bedankt", "danke",
        "vraag", "bel", "call", "ask", "demande", "appelle", "contacte", "cc", "sorry", "désolé", "dixit", "volgens",
        "selon", "laut",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Cheap filter before the phrase lookup, which would otherwise run for every lower-case word of a text: the last
    /// word of every strong introduction (appelle, est, is, heet, ist, soussigné, ondergetekende, met), by length first.
    /// </summary>
    private static bool EndsLikeAnIntroduction(ReadOnlySpan<char> text, Token previous)
    {
        if (previous.Kind == TokenKind.Punct)
        {
            return text[previous.Start] == ':';
        }

        var w = text[previous.Start..previous.End];
        return w.Length switch
        {
            2 => w.Equals("is", StringComparison.OrdinalIgnoreCase),
            3 => w.Equals("est", StringComparison.OrdinalIgnoreCase) || w.Equals("ist", StringComparison.OrdinalIgnoreCase)
                || w.Equals("met", StringComparison.OrdinalIgnoreCase),
            4 => w.Equals("heet", StringComparison.OrdinalIgnoreCase),
            5 => w.Equals("heiße", StringComparison.OrdinalIgnoreCase) || w.EndsWith("'est", StringComparison.OrdinalIgnoreCase)
                || w.EndsWith("’est", StringComparison.OrdinalIgnoreCase),
            6 => w.Equals("heisse", StringComparison.OrdinalIgnoreCase),
            9 => w.EndsWith("appelle", StringComparison.OrdinalIgnoreCase) || w.Equals("soussigné", StringComparison.OrdinalIgnoreCase),
            10 => w.Equals("soussignée", StringComparison.OrdinalIgnoreCase),
            14 => w.Equals("ondergetekende", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>A lower-case word that may be part of a name: letters only, not a word the lists know as something else.</summary>
    private static bool IsLowerCaseNameWord(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        var t = tokens[k];
        if (t.Kind != TokenKind.Word || t.Length < 2 || !char.IsLower(text[t.Start]) || text[t.Start..t.End].IndexOfAny('\'', '’') >= 0)
        {
            return false;
        }

        var c = tokens.Class(text, k);
        if ((c & WordClass.NameParticle) != 0)
        {
            return true;
        }

        return (c & (WordClass.FirstName | WordClass.Surname)) != 0
            ? (c & (WordClass.Stopword | WordClass.Role | WordClass.Title | WordClass.Greeting)) == 0
            : (c & (NotAName | WordClass.Place | WordClass.Greeting | WordClass.StreetPrefix | WordClass.StreetSuffix)) == 0;
    }

    /// <summary>
    /// Whether a closing formula ends right before <paramref name="position"/> (a comma between allowed) and itself
    /// opens a line or follows the end of a sentence (<c>mvg, stijn</c>; <c>… lokaal 3.14. Groeten, Annelies</c>).
    /// </summary>
    private static bool LineStartsWithClosing(ReadOnlySpan<char> text, int position)
    {
        var before = text[Math.Max(0, position - 40)..position].TrimEnd(" ,\u00A0");
        var windowAtTextStart = position <= 40;
        foreach (var closing in Closings)
        {
            if (before.EndsWith(closing, StringComparison.OrdinalIgnoreCase))
            {
                var prefix = before[..^closing.Length].TrimEnd(" \u00A0");
                if (prefix.Length == 0 ? windowAtTextStart : prefix[^1] is '\n' or '.' or '!' or '?' or '"' or '«' or '“' or ':')
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Enumerations of people (<c>Participants : A, B et C</c>; <c>cc X, Y</c>): when a neighbour in a list is a
    /// name with good evidence, a name-shaped item of two or more words next to it (no place, no known non-name) is
    /// a name too. Items are joined by a comma, a semicolon or a conjunction only.
    /// </summary>
    private static void JoinEnumerations(ReadOnlySpan<char> text, TokenList tokens, List<(int First, int Last, double Score)> candidates)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var n = 0; n < candidates.Count; n++)
            {
                var j = pass == 0 ? n : candidates.Count - 1 - n;
                var (first, last, score) = candidates[j];
                if (score >= PiiOptions.DefaultThreshold)
                {
                    continue;
                }

                var neighbour = pass == 0 ? j - 1 : j + 1;
                if (neighbour < 0 || neighbour >= candidates.Count || candidates[neighbour].Score < 0.7)
                {
                    continue;
                }

                var (gapStart, gapEnd) = pass == 0
                    ? (EndOf(text, tokens, candidates[neighbour].Last), tokens[first].Start)
                    : (EndOf(text, tokens, last), tokens[candidates[neighbour].First].Start);
                if (gapEnd > gapStart && (IsListSeparator(text[gapStart..gapEnd]) || IsBulletGap(text, gapStart, gapEnd)) && IsListItem(text, tokens, first, last))
                {
                    candidates[j] = (first, last, 0.8);
                }
                else if (pass == 0 && first == last && neighbour >= 1 && candidates[neighbour - 1].Score >= 0.7 && gapEnd > gapStart
                    && IsListSeparator(text[gapStart..gapEnd])
                    && EndOf(text, tokens, candidates[neighbour - 1].Last) < tokens[candidates[neighbour].First].Start
                    && IsListSeparator(text[EndOf(text, tokens, candidates[neighbour - 1].Last)..tokens[candidates[neighbour].First].Start])
                    && IsSingleWordItem(text, tokens, first))
                {
                    // A one-word item (a given name, a nickname) after two names in the same enumeration
                    // (A. Dubois, Jan Peeters, Oyelaran): the list is a list of people.
                    candidates[j] = (first, last, 0.75);
                }
                else if (first == last && gapEnd > gapStart && IsConjunction(text[gapStart..gapEnd]) && candidates[neighbour].First == candidates[neighbour].Last
                    && IsSingleWordItem(text, tokens, first))
                {
                    // Two given names joined by a conjunction (Thiago et Leïla, Bogdan and Sinéad): one known makes the
                    // other a name too, if it has a name's shape and no list knows it as something else.
                    candidates[j] = (first, last, 0.7);
                }
            }
        }
    }

    private static int EndOf(ReadOnlySpan<char> text, TokenList tokens, int last) =>
        IsInitial(text, tokens, last) ? tokens[last + 1].End : tokens[last].End;

    private static bool IsListSeparator(ReadOnlySpan<char> gap)
    {
        gap = gap.Trim();
        return gap is "," or ";" or "&" or "et" or "en" or "and" or "und" or "/" or ", et" or ", and" or ", en" or ", und";
    }

    /// <summary>
    /// A line break and the same bullet opening both lines (<c>- A B\n- C D</c>): items of a bulleted list. The item's own
    /// line must open with the bullet too, so that a heading above a list is not an item.
    /// </summary>
    private static bool IsBulletGap(ReadOnlySpan<char> text, int gapStart, int gapEnd)
    {
        var gap = text[gapStart..gapEnd].Trim(" \t\r");
        if (gap.Length != 3 && gap.Length != 2 || gap[0] != '\n' || gap[1] is not ('-' or '•' or '*' or '–') || (gap.Length == 3 && gap[2] != ' '))
        {
            return false;
        }

        var bullet = gap[1];
        // The line holding the text before the gap must open with the same bullet.
        var lineStart = text[..gapStart].LastIndexOf('\n') + 1;
        var line = text[lineStart..gapStart].TrimStart(' ');
        return line.Length > 2 && line[0] == bullet && line[1] == ' ';
    }

    private static bool IsConjunction(ReadOnlySpan<char> gap)
    {
        gap = gap.Trim();
        return gap is "et" or "en" or "and" or "und" or "&";
    }

    private static bool IsSingleWordItem(ReadOnlySpan<char> text, TokenList tokens, int k) =>
        tokens[k].Kind == TokenKind.Word && HasNameShape(text[tokens[k].Start..tokens[k].End]) && HasLowerCase(text[tokens[k].Start..tokens[k].End])
        && !tokens.Is(text, k, WordClass.Place | WordClass.Stopword | WordClass.StreetPrefix | WordClass.StreetSuffix | WordClass.CommonWord | WordClass.Role | WordClass.Title)
        && !ContextWords.Countries.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text[tokens[k].Start..tokens[k].End]);

    private static bool IsListItem(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        var words = 0;
        for (var k = first; k <= last; k++)
        {
            if (tokens[k].Kind != TokenKind.Word || IsInitial(text, tokens, k) || tokens.Is(text, k, WordClass.NameParticle))
            {
                continue;
            }

            if (tokens.Is(text, k, WordClass.Place | WordClass.Stopword | WordClass.StreetPrefix))
            {
                return false;
            }

            words++;
        }

        return words >= 2 || words == 1 && IsInitial(text, tokens, first);
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

            if (IsNameWord(text, tokens, k) || (k > i && IsElidedParticleName(text, tokens[k])))
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

                // Not when the capitalised word is a street (Nadine in de Battelsesteenweg); a place may be a surname
                // (Van Damme, Van Gent).
                if (n < tokens.Count && IsNameWord(text, tokens, n) && ParticlesFormASurname(text, tokens, k, n)
                    && !Gazetteer.Shared.EndsWithStreetSuffix(text[tokens[n].Start..tokens[n].End], out _))
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
            var nextIsFirstName = nextWord.Length > 1 && !tokens.Is(text, first + 1, WordClass.NameParticle)
                && (tokens.Is(text, first + 1, WordClass.FirstName) || IsCompoundFirstName(nextWord));
            var c = tokens.Class(text, first);
            if (char.IsLower(w[0]) && (c & WordClass.NameParticle) != 0 && (nextIsFirstName || !HasTitleBefore(text, tokens, first)))
            {
                first++;
                continue;
            }

            if (nextIsFirstName && !IsInitial(text, tokens, first) && (c & (WordClass.FirstName | WordClass.Surname)) == 0 && !IsCompoundFirstName(w)
                && (first + 1 < last || (IsSentenceStart(text, tokens, first) && HasLowerCase(w))))
            {
                // At a sentence start the capital says nothing, so an unknown word before a lone given name is the
                // sentence's first word (Yesterday Rahul and …, Gisteren Mehmet …).
                first++;
                continue;
            }

            // A greeting opening the sentence is not part of the name after it, known or not (Salut Thibaut,): the
            // greeting is then the name's context (HasGreetingBefore).
            if ((c & WordClass.Greeting) != 0 && (c & (WordClass.FirstName | WordClass.Surname)) == 0 && IsSentenceStart(text, tokens, first))
            {
                first++;
                continue;
            }

            // A capitalised common noun and a lower-case particle before a known given name (Audition de Abdelkader
            // Zerrouki, Dossier van Mehmet Yilmaz): a particle joins a surname to what follows, never a given name to
            // what precedes, so the noun and the particle are dropped.
            if (char.IsUpper(w[0]) && (c & (WordClass.FirstName | WordClass.Surname)) == 0 && !IsInitial(text, tokens, first)
                && nextWord.Length > 0 && char.IsLower(nextWord[0]) && tokens.Is(text, first + 1, WordClass.NameParticle)
                && first + 2 < last && tokens[first + 2].Kind == TokenKind.Word && tokens.Is(text, first + 2, WordClass.FirstName)
                && !tokens.Is(text, first + 2, WordClass.NameParticle | WordClass.CommonWord))
            {
                first += 2;
                continue;
            }

            // A capitalised verb and a lower-case pronoun or particle before a given name at a sentence start
            // (Kannst du Magdalena …, Peux-tu …): both dropped.
            if (char.IsUpper(w[0]) && (c & (WordClass.FirstName | WordClass.Surname)) == 0 && IsSentenceStart(text, tokens, first)
                && nextWord.Length > 0 && char.IsLower(nextWord[0]) && first + 2 <= last && tokens[first + 2].Kind == TokenKind.Word
                && tokens.Is(text, first + 2, WordClass.FirstName) && !tokens.Is(text, first + 2, WordClass.NameParticle))
            {
                first += 2;
                continue;
            }

            break;
        }

        return first;
    }

    private static bool HasLowerCase(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>A lower-case elided particle glued to a capitalised word inside a name (Éric de Villers d'Ouplinne).</summary>
    private static bool IsElidedParticleName(ReadOnlySpan<char> text, Token t) =>
        t.Kind == TokenKind.Word && t.Length > 4 && text[t.Start] == 'd' && text[t.Start + 1] is '\'' or '’'
        && char.IsUpper(text[t.Start + 2]) && char.IsLower(text[t.End - 1]);

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
            // A given name that is also a common word counts only in first position (Marché de Noël is no person).
            knownFirst |= ((c & WordClass.FirstName) != 0 && ((c & WordClass.CommonWord) == 0 || nameWords == 1)) || IsCompoundFirstName(w);
            knownSurname |= (c & WordClass.Surname) != 0;
            places += (c & WordClass.Place) != 0 ? 1 : 0;
            upper |= w.Length > 1 && char.IsUpper(w[1]);
        }

        var hasInitial = IsInitial(text, tokens, first);
        if (HasStreetBefore(text, tokens, first))
        {
            // rue Léon Théodore, Boulevard du Jardin Botanique: a street named after a person is a street.
            return 0;
        }

        if (HasInstitutionWord(text, tokens, first, last))
        {
            // Gemeindeschule Kettenis, Herman Teirlinckgebouw: a compound naming a building or an institution.
            return 0;
        }

        if (nameWords == 1 && first == last && !knownSurname && (HasPersonStateAfter(text, tokens, last) || IsFamilyName(text, tokens, first)))
        {
            // que Oyelaran est absente, Oyelaran sera suspendu, the Oyelaran family: only people take these.
            return 0.75;
        }

        if (nameWords == 1 && first == last && IsPossessiveOfGivenName(text[tokens[first].Start..tokens[first].End]))
        {
            // Sarah's birthday, Jan's verslag, Chiara's proposal: only a person (or a pet) owns things with a given
            // name's possessive, at a sentence start too.
            return 0.8;
        }

        if (nameWords == 1 && first == last && HasGreetingBefore(text, tokens, first) && GroupAddressees.Contains(text[tokens[first].Start..tokens[first].End]))
        {
            // Hello Support, Beste Ouders, Liebe Kollegen: a greeting addresses a group as often as a person.
            return 0;
        }

        var strong = HasTitleBefore(text, tokens, first) || IntroductionPhrases.EndsBefore(text, tokens[first].Start, 28)
            || HasGreetingBefore(text, tokens, first) || IsSignature(text, tokens, first, last) || HasBirthAfter(text, tokens, last)
            || HasClosingBefore(text, tokens, first, last);
        if (strong)
        {
            return places == nameWords && nameWords == 1 && !knownSurname ? 0.6 : 0.92;
        }

        var lone = nameWords == 1 && first == last && knownFirst ? LoneGivenName(text, tokens, first) : 0;
        var score = nameWords switch
        {
            1 when lone > 0 => lone,
            1 when !hasInitial && !knownFirst && !knownSurname && first == last && IsGovernedUnknownName(text, tokens, first) => 0.55,
            >= 2 when knownFirst && knownSurname => 0.95,
            >= 2 when knownFirst => 0.85,
            >= 2 when knownSurname => 0.7,
            1 when hasInitial && knownSurname => 0.75,
            // "D. Gobert" in running text: an initial before a capitalised word is a name's shape; a heading of an
            // outline ("B. Contexte") stands at a line start, and the end of a reference ("RG 21/2614/A. Rekening")
            // is glued to it: both keep the low score.
            1 when hasInitial && !IsSentenceStart(text, tokens, first) && tokens[first].Start > 0 && TextScan.IsSpace(text[tokens[first].Start - 1]) => 0.55,
            2 when places == 0 && (IsMidSentencePair(text, tokens, first, last) || IsSubjectPair(text, tokens, first, last)) => 0.5,
            // Weak evidence: a surname ending of one of Belgium's communities (Kowalczyk, Petrović, Fernández,
            // Vandenbroucke is in the lists; Verhaert, Papadopoulos, Yilmazoğlu are not), inside a sentence.
            2 or 3 when places == 0 && !IsSentenceStart(text, tokens, first) && HasSurnameShape(text, tokens, first, last) => 0.6,
            2 when places == 0 && IsRunningTextPair(text, tokens, first, last) => 0.5,
            >= 2 => 0.35,
            _ => knownSurname ? 0.45 : 0.2,
        };
        if (upper && nameWords >= 2 && (knownFirst || knownSurname))
        {
            score = Math.Max(score, 0.85);
        }

        if (nameWords <= 2 && places == 0 && (HasKinBefore(text, tokens, first) || IsBracketedAfterKin(text, tokens, first, last)))
        {
            score = Math.Max(score, 0.75);
        }

        if (lone == 0 && (RolePhrases.EndsBefore(text, tokens[first].Start, 16) || HasRoleAfter(text, tokens, last) || (nameWords >= 2 && IsAddressee(text, tokens, last))))
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

    /// <summary>
    /// A known given name standing alone (<c>transmis à Yannick</c>, <c>Vraag aan Radu</c>, <c>Thanks Aleksandra</c>):
    /// inside a sentence it is a name by itself (0.6) unless it is also a common word (<c>Will</c>, <c>Mark</c>), which
    /// needs support; with support — a word that governs a person before it, a role or kin word before it (<c>son fils
    /// Luka</c>, <c>Son voisin, Tarek,</c>), a verb of which it is the subject after it, a coordination with another
    /// capitalised word (<c>Jana en Tomáš</c>) — it scores 0.75, and at a sentence start only support counts (0.8, less
    /// the sentence-start penalty). Never after an article, a street word, a saint's prefix or a capitalised word (an
    /// institution or a place named after a person: <c>Institut Bordet</c>, <c>Sint-Jan</c>, <c>rue Victor</c>), nor
    /// after a preposition of place (<c>in Florence</c>), nor before a number.
    /// </summary>
    private static double LoneGivenName(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        var w = text[tokens[k].Start..tokens[k].End];
        var c = tokens.Class(text, k);
        if (w.Length < 3 || (c & (WordClass.Place | WordClass.StreetPrefix | WordClass.StreetSuffix | WordClass.Stopword)) != 0 || !char.IsLower(w[^1]))
        {
            return 0;
        }

        if (ContextWords.Countries.GetAlternateLookup<ReadOnlySpan<char>>().Contains(w))
        {
            return 0;
        }

        var previous = k > 0 && tokens[k - 1].Kind == TokenKind.Word ? text[tokens[k - 1].Start..tokens[k - 1].End] : [];
        if (previous.Length > 3 && previous[1] is '\'' or '’' && char.IsUpper(previous[2]))
        {
            // An elided article before a capitalised word (l'Institut, d'Hôpital) is the capitalised word.
            previous = previous[2..];
        }

        // A capitalised word before (an institution or a place named after a person) rules the name out, unless it is
        // the first word of the sentence (Yesterday Rahul and …).
        if (previous.Length > 0 && ((char.IsUpper(previous[0]) && !IsSentenceStart(text, tokens, k - 1) && !KinWords.Contains(previous) && !tokens.Is(text, k - 1, WordClass.Role))
            || NotBeforeALoneName.Contains(previous) || tokens.Is(text, k - 1, WordClass.StreetPrefix)))
        {
            return 0;
        }

        if (char.IsUpper(previous.Length > 0 ? previous[0] : 'a') && !KinWords.Contains(previous))
        {
            previous = [];
        }

        // A number before or after (3,2 Mio, Victoria 2) or an abbreviation's dot inside a sentence (Mio. €).
        var next = k + 1 < tokens.Count ? tokens[k + 1] : default;
        if ((k > 0 && tokens[k - 1].Kind == TokenKind.Number) || (k + 1 < tokens.Count && next.Kind == TokenKind.Number))
        {
            return 0;
        }

        if (k + 2 < tokens.Count && next.Kind == TokenKind.Punct && text[next.Start] == '.' && next.Start == tokens[k].End
            && (tokens[k + 2].Kind == TokenKind.Number || (tokens[k + 2].Kind == TokenKind.Word && char.IsLower(text[tokens[k + 2].Start]))
                || (tokens[k + 2].Kind != TokenKind.Newline && text[tokens[k + 2].Start] is '€' or '$' or '£' or '%')))
        {
            return 0;
        }

        var support = (previous.Length > 0 && PersonGoverningWords.Contains(previous))
            || RolePhrases.EndsBefore(text, tokens[k].Start, 16)
            || (k > 1 && tokens[k - 1].Kind == TokenKind.Punct && text[tokens[k - 1].Start] == ',' && tokens[k - 2].Kind == TokenKind.Word
                && tokens.Is(text, k - 2, WordClass.Role))
            || (k + 1 < tokens.Count && next.Kind == TokenKind.Word && char.IsLower(text[next.Start]) && SubjectVerbs.Contains(text[next.Start..next.End]))
            || IsCoordinated(text, tokens, k)
            // Addressed at the start of a sentence and followed by a comma ("Oliver, the report you sent …").
            || (IsSentenceStart(text, tokens, k) && k + 2 < tokens.Count && next.Kind == TokenKind.Punct && text[next.Start] == ','
                && tokens[k + 2].Kind == TokenKind.Word && char.IsLower(text[tokens[k + 2].Start]));
        if (IsSentenceStart(text, tokens, k))
        {
            return support ? 0.8 : 0;
        }

        if ((c & WordClass.CommonWord) != 0)
        {
            return support ? 0.6 : 0;
        }

        return support ? 0.75 : 0.6;
    }

    /// <summary>
    /// A possessive and a word of kinship or closeness right before, or the same followed by a comma (<c>Ma fille
    /// Fatoumata</c>, <c>Mein Sohn Ansgar</c>, <c>haar dochter Chiara</c>, <c>Son voisin, Tarek</c>, <c>his daughter
    /// Yasmin</c>): a person's name follows whether or not a list knows it.
    /// </summary>
    private static bool HasKinBefore(ReadOnlySpan<char> text, TokenList tokens, int first)
    {
        var k = first - 1;
        if (k >= 0 && tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] == ',')
        {
            k--;
        }

        if (k < 1 || tokens[k].Kind != TokenKind.Word || tokens[k - 1].Kind != TokenKind.Word)
        {
            return false;
        }

        return KinWords.Contains(text[tokens[k].Start..tokens[k].End]) && Possessives.Contains(text[tokens[k - 1].Start..tokens[k - 1].End]);
    }

    /// <summary>Groups and services a greeting addresses instead of a person (Hello Support, Beste ouders, Liebe Kollegen).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> GroupAddressees = new[]
    {
        "world", "support", "team", "teams", "all", "everyone", "everybody", "folks", "guys", "colleagues", "friends",
        "parents", "members", "staff", "helpdesk", "service", "admin", "admins", "sir", "madam", "tous", "toutes", "collègues",
        "amis", "parents", "membres", "équipe", "allemaal", "iedereen", "collega's", "collega", "ouders", "leden", "vrienden",
        "allen", "allerseits", "zusammen", "kollegen", "kolleginnen", "eltern", "mitglieder", "freunde", "leute", "klas",
        "class", "classe", "klasse", "buren", "voisins", "nachbarn", "neighbours", "neighbors", "mesdames", "messieurs",
        "dames", "heren", "damen", "herren", "ladies", "gentlemen",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A name alone in brackets right after a word of kinship (<c>moeder (X)</c>, <c>la mère (X)</c>, <c>his wife (X)</c>):
    /// the bracket names the relative.
    /// </summary>
    private static bool IsBracketedAfterKin(ReadOnlySpan<char> text, TokenList tokens, int first, int last) =>
        first >= 2 && last + 1 < tokens.Count && tokens[first - 1].Kind == TokenKind.Punct && text[tokens[first - 1].Start] == '('
        && tokens[last + 1].Kind == TokenKind.Punct && text[tokens[last + 1].Start] == ')'
        && tokens[first - 2].Kind == TokenKind.Word && KinWords.Contains(text[tokens[first - 2].Start..tokens[first - 2].End])
        && HasNameShape(text[tokens[first].Start..tokens[first].End]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KinWords = new[]
    {
        "fils", "fille", "sœur", "soeur", "frère", "frere", "mère", "père", "mari", "épouse", "époux", "compagnon",
        "compagne", "voisin", "voisine", "collègue", "neveu", "nièce", "cousin", "cousine", "petit-fils", "petite-fille",
        "grand-mère", "grand-père", "maman", "papa", "zoon", "dochter", "zus", "zuster", "broer", "moeder", "vader", "man",
        "vrouw", "echtgenote", "echtgenoot", "partner", "buurman", "buurvrouw", "collega", "neef", "nicht", "kleinzoon",
        "kleindochter", "oma", "opa", "mama", "sohn", "tochter", "schwester", "bruder", "mutter", "vater", "mann",
        "ehemann", "ehefrau", "nachbar", "nachbarin", "kollege", "kollegin", "enkel", "enkelin", "son", "daughter",
        "sister", "brother", "mother", "father", "husband", "wife", "neighbour", "neighbor", "colleague", "nephew",
        "niece", "grandson", "granddaughter", "mum", "mom", "dad", "grandmother", "grandfather", "boyfriend",
        "girlfriend", "copain", "copine", "vriend", "vriendin", "freund", "freundin", "friend",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Possessives = new[]
    {
        "mon", "ma", "ton", "ta", "son", "sa", "notre", "votre", "leur", "mijn", "m'n", "zijn", "z'n", "haar", "ons", "onze",
        "uw", "hun", "jouw", "je", "mein", "meine", "meinem", "meiner", "dein", "deine", "sein", "seine", "seinem", "ihr",
        "ihre", "ihrem", "ihrer", "seiner", "meiner", "deiner", "unserer", "unserem", "unseren", "meinen", "seinen",
        "ihren", "deinem", "deinen", "unser", "unsere", "euer", "eure", "my", "his", "her", "our", "their", "your",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// An unknown capitalised word between two weak signs of a person: a word that governs a person before it and, after
    /// it, the English relative pronoun of a person or a verb of saying or asking of which it is the subject (<c>with
    /// Emeka who</c>, <c>à Bartosz, demande</c>, <c>met Arjen belde</c>). Either sign alone is as often a firm or a place.
    /// </summary>
    private static bool IsGovernedUnknownName(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        if (k == 0 || k + 1 >= tokens.Count || tokens[k - 1].Kind != TokenKind.Word || IsSentenceStart(text, tokens, k))
        {
            return false;
        }

        var w = text[tokens[k].Start..tokens[k].End];
        var previous = text[tokens[k - 1].Start..tokens[k - 1].End];
        if (w.Length < 3 || !HasNameShape(w) || !char.IsLower(w[^1]) || !char.IsLower(previous[0]) || !PersonGoverningWords.Contains(previous)
            || tokens.Is(text, k, WordClass.Place | WordClass.Stopword | WordClass.CommonWord | WordClass.StreetPrefix | WordClass.StreetSuffix | WordClass.Role)
            || ContextWords.Countries.GetAlternateLookup<ReadOnlySpan<char>>().Contains(w))
        {
            return false;
        }

        var n = k + 1;
        if (tokens[n].Kind == TokenKind.Punct && text[tokens[n].Start] == ',' && n + 1 < tokens.Count)
        {
            n++;
        }

        if (tokens[n].Kind != TokenKind.Word || !char.IsLower(text[tokens[n].Start]))
        {
            return false;
        }

        var after = text[tokens[n].Start..tokens[n].End];
        // "qui", "die", "der" also follow firms (à Proximus qui …), auxiliaries follow anything: neither counts.
        return after is "who" or "whom" or "whose" || (n == k + 1 && SubjectVerbs.Contains(after) && !Auxiliaries.Contains(after));
    }

    /// <summary>
    /// An unknown pair <c>Xxxx Xxxx</c> inside a sentence after a lower-case word that is not an article, a genitive, a
    /// possessive or a preposition of topic or place (those introduce institutions and titles: <c>the Steering
    /// Committee</c>, <c>on Open Data</c>, <c>de Dienst Vreemdelingenzaken</c>, <c>van Binnenlandse Zaken</c>), or after a
    /// genitive governed by a noun of something a person sends or owns (<c>un appel de Kofi Asante</c>,
    /// <c>contactgegevens van Olusegun Adeyemi</c>); no capitalised word after. Weak evidence, at the threshold.
    /// </summary>
    private static bool IsRunningTextPair(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        if (last != first + 1 || first == 0 || tokens[first - 1].Kind != TokenKind.Word || IsSentenceStart(text, tokens, first)
            || !HasNameShape(text[tokens[first].Start..tokens[first].End]) || !HasNameShape(text[tokens[last].Start..tokens[last].End])
            || (last + 1 < tokens.Count && tokens[last + 1].Kind == TokenKind.Word && char.IsUpper(text[tokens[last + 1].Start])))
        {
            return false;
        }

        var previous = text[tokens[first - 1].Start..tokens[first - 1].End];
        if (!char.IsLower(previous[0]) || previous.IndexOfAny('\'', '’') >= 0)
        {
            return false;
        }

        if (!InstitutionIntroducers.Contains(previous))
        {
            return true;
        }

        return previous is "de" or "van" or "of" or "von" && first > 1 && tokens[first - 2].Kind == TokenKind.Word
            && PersonalThings.Contains(text[tokens[first - 2].Start..tokens[first - 2].End]);
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> InstitutionIntroducers = new[]
    {
        "the", "a", "an", "of", "on", "about", "in", "at", "into", "for", "from", "by", "this", "that", "these", "our",
        "your", "their", "its", "his", "her", "my", "de", "du", "des", "la", "le", "les", "au", "aux", "en", "sur", "un",
        "une", "pour", "par", "dans", "vers", "ce", "cette", "notre", "votre", "leur", "mon", "ma", "het", "een", "van",
        "voor", "op", "over", "naar", "uit", "onze", "uw", "hun", "mijn", "ons", "der", "die", "das", "den", "dem",
        "des", "ein", "eine", "einer", "einem", "einen", "im", "am", "zum", "zur", "von", "vom", "für", "auf", "nach",
        "aus", "unser", "unsere", "ihr", "ihre", "sein", "seine", "mein", "meine", "and", "et", "und", "or", "ou",
        "oder", "with", "avec", "met", "mit",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonalThings = new[]
    {
        "appel", "message", "mail", "e-mail", "courriel", "lettre", "courrier", "dossier", "demande", "visite",
        "coordonnées", "numéro", "adresse", "signature", "mailtje", "bericht", "brief", "telefoontje", "oproep", "gegevens",
        "contactgegevens", "nummer", "adres", "aanvraag", "bezoek", "handtekening", "anruf", "nachricht", "schreiben",
        "antrag", "besuch", "unterschrift", "call", "letter", "email", "request", "visit",
        "details", "number", "address", "signature", "file",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Auxiliaries = new[]
    {
        "has", "had", "is", "was", "will", "would", "can", "could", "heeft", "zal", "zou", "kan", "komt", "kwam", "laat",
        "liet", "a", "est", "était", "sera", "va", "avait", "doit", "viendra", "vient", "hat", "ist", "war", "wird",
        "hatte", "soll", "möchte", "kommt", "notes", "noted",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Coordination with another capitalised word: <c>X et Y</c>, <c>Y and X</c>, <c>X, Y</c> in a list.</summary>
    private static bool IsCoordinated(ReadOnlySpan<char> text, TokenList tokens, int k)
    {
        static bool IsAnd(ReadOnlySpan<char> w) => w is "et" or "en" or "and" or "und" or "&" or "ou" or "of" or "or" or "oder";
        if (k + 2 < tokens.Count && tokens[k + 1].Kind == TokenKind.Word && IsAnd(text[tokens[k + 1].Start..tokens[k + 1].End])
            && tokens[k + 2].Kind == TokenKind.Word && char.IsUpper(text[tokens[k + 2].Start]) && !tokens.Is(text, k + 2, WordClass.Stopword | WordClass.Place))
        {
            return true;
        }

        return k >= 2 && tokens[k - 1].Kind == TokenKind.Word && IsAnd(text[tokens[k - 1].Start..tokens[k - 1].End])
            && tokens[k - 2].Kind == TokenKind.Word && char.IsUpper(text[tokens[k - 2].Start]) && !tokens.Is(text, k - 2, WordClass.Stopword | WordClass.Place);
    }

    /// <summary>
    /// Words after which a lone capitalised given name is something else: articles and determiners (<c>la Victoria</c>,
    /// <c>une Mercedes</c>), prepositions of place (<c>in Florence</c>, <c>naar Georgia</c>, <c>nach Paris</c>), saints'
    /// prefixes and numbers' words.
    /// </summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotBeforeALoneName = new[]
    {
        "le", "la", "les", "un", "une", "ce", "cette", "het", "een", "dit", "deze", "the", "a", "this",
        "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "in", "au", "aux", "uit",
        "nach", "aus", "im", "into", "near", "via", "sur", "près", "saint", "sainte", "sint", "sankt", "st", "ste", "san",
        "santa", "são", "hotel", "hôtel", "café", "bar", "restaurant", "project", "projet", "projekt", "operation",
        "opération", "version", "model", "modèle", "type", "code", "team", "équipe", "salle", "zaal", "raum", "room",
        "gebouw", "building", "bâtiment", "gebäude", "tempête", "storm", "sturm", "ouragan", "hurricane", "orkaan",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Words that govern a person in running text: prepositions of a recipient or a companion and verbs of
    /// contacting (<c>call X</c>, <c>envoyer à X</c>, <c>bel X</c>). Articles and genitive prepositions (the, het, de,
    /// van, of) are left out: they introduce institutions ("the European Parliament", "het Agentschap Opgroeien").
    /// </summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonGoverningWords = new[]
    {
        "from", "with", "call", "ask", "tell", "contact", "email", "phone", "cc", "met", "aan", "bij",
        // Pronouns before an object (kan jij X bellen, peux-tu appeler X, kannst du X fragen).
        "jij", "je", "u", "you", "tu", "vous", "ihr",
        "naar", "bel", "vraag", "contacteer", "à", "chez", "avec", "par", "appelle", "appeler", "contacter",
        "demande", "demander", "an", "bei", "mit", "ruf", "anrufen", "frag", "fragen", "kontaktieren",
        // Reported speech (fourth session): selon X, volgens X, laut X.
        "selon", "volgens", "laut", "zufolge", "dixit",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>English words before "to" that make its object a person (according to X, reply to X, spoke to X).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> VerbsBeforeToAPerson = new[]
    {
        "according", "reply", "replied", "write", "wrote", "written", "talk", "talked", "spoke", "speak", "send", "sent",
        "forward", "forwarded", "give", "gave", "introduce", "introduced", "belongs", "assigned", "addressed", "married",
        "report", "reported", "explain", "explained", "mention", "mentioned", "listen", "listened", "thanks",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Two words of a name's shape (<c>Xxxx Xxxx</c>, hyphenated parts allowed) after a word that governs a person
    /// (<see cref="PersonGoverningWords"/>), no capitalised word after. Weak evidence, at the threshold.
    /// </summary>
    private static bool IsMidSentencePair(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        if (last != first + 1)
        {
            return false;
        }

        var governed = first > 0 && tokens[first - 1].Kind == TokenKind.Word && char.IsLower(text[tokens[first - 1].Start])
            && (PersonGoverningWords.Contains(text[tokens[first - 1].Start..tokens[first - 1].End])
                || (first > 1 && text[tokens[first - 1].Start..tokens[first - 1].End] is "to" && tokens[first - 2].Kind == TokenKind.Word
                    && VerbsBeforeToAPerson.Contains(text[tokens[first - 2].Start..tokens[first - 2].End])));
        // "X from procurement", "X du service RH", "X vom Bauamt": a person and where they work.
        var fromDepartment = last + 2 < tokens.Count && tokens[last + 1].Kind == TokenKind.Word && tokens[last + 2].Kind == TokenKind.Word
            && text[tokens[last + 1].Start..tokens[last + 1].End] is "from" or "du" or "vom" or "van" or "aus"
            && char.IsLower(text[tokens[last + 2].Start]);
        if (!governed && !fromDepartment)
        {
            return false;
        }

        if (last + 1 < tokens.Count && tokens[last + 1].Kind == TokenKind.Word && char.IsUpper(text[tokens[last + 1].Start]))
        {
            return false;
        }

        return HasNameShape(text[tokens[first].Start..tokens[first].End]) && HasNameShape(text[tokens[last].Start..tokens[last].End]);
    }

    /// <summary>
    /// Verbs that follow a person as the subject (<c>Ayesha Siddiqui has been appointed</c>, <c>Jan Peeters heeft
    /// gebeld</c>, <c>Marie Dubois a appelé</c>, <c>Lukas Kessler hat geschrieben</c>): auxiliaries and verbs of saying
    /// or contacting, in the four languages.
    /// </summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SubjectVerbs = new[]
    {
        "has", "had", "is", "was", "will", "would", "can", "could", "said", "says", "wrote", "writes", "called", "asked",
        "sent", "joined", "heeft", "zal", "zou", "kan", "belde", "schreef", "zegt", "zei", "vraagt", "vroeg",
        "stuurde", "komt", "kwam", "a", "est", "était", "sera", "va", "avait", "dit", "écrit", "demande", "souhaite",
        "viendra", "vient", "doit", "hat", "ist", "war", "wird", "hatte", "sagt", "schreibt", "fragt", "kommt", "soll",
        "möchte",
        // Verbs of speech and communication (fourth session).
        "meldt", "meldde", "vertelt", "vertelde", "antwoordt", "antwoordde", "bevestigt", "bevestigde", "laat", "liet",
        "mailde", "belt", "signale", "signalait", "explique", "expliquait", "confirme", "précise", "indique", "répond",
        "annonce", "informe", "propose", "prévient", "rappelle", "meldet", "meldete", "erklärt", "bestätigt", "antwortet",
        "berichtet", "teilt", "rief", "schrieb", "reports", "reported", "confirms", "confirmed", "explains", "explained",
        "replied", "replies", "mentions", "mentioned", "told", "tells", "agrees", "agreed", "suggests", "suggested",
        "emailed", "phoned", "texted", "notes", "noted", "thinks", "thought",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>An unknown pair <c>Xxxx Xxxx</c> followed by a verb of which it is the subject (weak, at the threshold).</summary>
    private static bool IsSubjectPair(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        if (last != first + 1 || last + 1 >= tokens.Count || tokens[last + 1].Kind != TokenKind.Word || tokens[last + 1].Start - tokens[last].End != 1)
        {
            return false;
        }

        var verb = text[tokens[last + 1].Start..tokens[last + 1].End];
        return char.IsLower(verb[0]) && SubjectVerbs.Contains(verb)
            && HasNameShape(text[tokens[first].Start..tokens[first].End]) && HasNameShape(text[tokens[last].Start..tokens[last].End]);
    }

    private static bool HasNameShape(ReadOnlySpan<char> w)
    {
        if (w.Length < 3 || !char.IsUpper(w[0]))
        {
            return false;
        }

        for (var i = 1; i < w.Length; i++)
        {
            if (char.IsUpper(w[i]) && w[i - 1] is not ('-' or '\'' or '’'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Surname endings (Slavic, Balkan, Spanish, Greek, Turkish, Flemish, Japanese) that few other words have.</summary>
    private static readonly string[] SurnameEndings =
    [
        "ski", "ska", "sky", "czyk", "czak", "wicz", "owicz", "ović", "ovic", "ević", "evic", "vić", "enko", "escu", "eanu",
        "oglu", "oğlu", "opoulos", "poulos", "idis", "akis", "ández", "éndez", "ínez", "íguez", "érez", "ómez", "ánchez",
        "ópez", "árez", "ázquez", "aert", "aerts", "ckx", "ynck", "inck", "moto", "mura", "yama", "kawa", "guchi", "shita",
    ];

    /// <summary>Whether a word of the sequence that no list knows has a surname ending (checked only when it decides).</summary>
    private static bool HasSurnameShape(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        for (var k = first; k <= last; k++)
        {
            if (tokens[k].Kind == TokenKind.Word && !tokens.Is(text, k, WordClass.FirstName | WordClass.Surname | WordClass.Place | WordClass.NameParticle)
                && HasSurnameMorphology(text[tokens[k].Start..tokens[k].End]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSurnameMorphology(ReadOnlySpan<char> w)
    {
        if (w.Length < 5 || !HasNameShape(w))
        {
            return false;
        }

        foreach (var ending in SurnameEndings)
        {
            if (w.Length >= ending.Length + 2 && w.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>
    /// The name heads an address, as on an envelope: a comma or a line break, then a street and a house number
    /// (<c>Zending voor Lotje Timmermans, Lange Leemstraat 87</c>; <c>Jan Peeters\nKerkstraat 5</c>).
    /// </summary>
    private bool IsAddressee(ReadOnlySpan<char> text, TokenList tokens, int last)
    {
        var k = last + 1;
        if (k >= tokens.Count || !(tokens[k].Kind == TokenKind.Newline || tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] == ','))
        {
            return false;
        }

        k++;
        if (k >= tokens.Count || tokens[k].Kind != TokenKind.Word)
        {
            return false;
        }

        var street = tokens.Is(text, k, WordClass.StreetPrefix) || gazetteer.EndsWithStreetSuffix(text[tokens[k].Start..tokens[k].End], out _)
            || k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Word && gazetteer.EndsWithStreetSuffix(text[tokens[k + 1].Start..tokens[k + 1].End], out _);
        if (!street)
        {
            return false;
        }

        // A house number within the next few tokens.
        for (var n = k + 1; n < Math.Min(tokens.Count, k + 8); n++)
        {
            if (tokens[n].Kind == TokenKind.Number)
            {
                return true;
            }

            if (tokens[n].Kind == TokenKind.Newline)
            {
                return false;
            }
        }

        return false;
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

    /// <summary>
    /// A closing formula right before the name on the same line, with a comma or not (<c>Groeten, Jorrit</c>,
    /// <c>Cordialement, Marie Dubois</c>, <c>Thanks Priya</c>), the name ending the line or the sentence.
    /// </summary>
    private static bool HasClosingBefore(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        if (first == 0 || last - first > 3 || !ClosingPhrases.EndsBefore(text, tokens[first].Start, 28) || !LineStartsWithClosing(text, tokens[first].Start))
        {
            return false;
        }

        var next = last + 1;
        if (next < tokens.Count && tokens[next].Kind == TokenKind.Punct && text[tokens[next].Start] == '.' && IsInitial(text, tokens, last))
        {
            next++;
        }

        return next >= tokens.Count || tokens[next].Kind == TokenKind.Newline
            || tokens[next].Kind == TokenKind.Punct && text[tokens[next].Start] is ',' or '.' or '!' or '"' or '»' or '”' or '(';
    }

    /// <summary>
    /// A street word right before the sequence, with connectors between (<c>rue Léon Théodore</c>, <c>Boulevard du
    /// Jardin Botanique</c>, <c>Avenue de la Reine</c>): the sequence names the street.
    /// </summary>
    private static bool HasStreetBefore(ReadOnlySpan<char> text, TokenList tokens, int first)
    {
        var k = first - 1;
        var connectors = 0;
        while (k >= 0 && connectors < 3 && tokens[k].Kind == TokenKind.Word && char.IsLower(text[tokens[k].Start])
            && (text[tokens[k].Start..tokens[k].End] is "de" or "du" or "des" or "la" or "le" or "l'" or "d'" or "van" or "der" or "den" or "von"))
        {
            k--;
            connectors++;
        }

        return k >= 0 && tokens[k].Kind == TokenKind.Word && tokens.Is(text, k, WordClass.StreetPrefix);
    }

    private static readonly string[] InstitutionEndings =
    [
        "gebouw", "school", "schule", "kerk", "kirche", "zentrum", "centrum", "ziekenhuis", "klinik", "kliniek", "museum",
        "stadion", "bibliotheek", "bibliothek", "gymnasium", "athenaeum", "lyceum", "college", "rathaus", "gemeentehuis",
    ];

    /// <summary>A word of the sequence is a compound ending with a building or institution noun (Gemeindeschule, Teirlinckgebouw).</summary>
    private static bool HasInstitutionWord(ReadOnlySpan<char> text, TokenList tokens, int first, int last)
    {
        for (var k = first; k <= last; k++)
        {
            var w = text[tokens[k].Start..tokens[k].End];
            foreach (var ending in InstitutionEndings)
            {
                if (w.Length >= ending.Length + 4 && w.EndsWith(ending, StringComparison.OrdinalIgnoreCase) && char.IsLower(w[^ending.Length]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A copula or a future auxiliary and a state only a person is in right after the word (<c>X est absente</c>,
    /// <c>X sera suspendu</c>, <c>X is ziek</c>, <c>X ist krank</c>, <c>X is on leave</c>).
    /// </summary>
    private static bool HasPersonStateAfter(ReadOnlySpan<char> text, TokenList tokens, int last)
    {
        var n = last + 1;
        if (n + 1 >= tokens.Count || tokens[n].Kind != TokenKind.Word || tokens[n + 1].Kind != TokenKind.Word
            || text[tokens[n].Start..tokens[n].End] is not ("est" or "sera" or "était" or "is" or "was" or "wordt" or "werd" or "ist" or "wird" or "war" or "will"))
        {
            return false;
        }

        var m = n + 1;
        if (text[tokens[m].Start..tokens[m].End] is "be" or "vandaag" or "heute" or "today" or "aujourd'hui" or "nog" or "noch" or "still" or "toujours" && m + 1 < tokens.Count && tokens[m + 1].Kind == TokenKind.Word)
        {
            m++;
        }

        return PersonStates.Contains(text[tokens[m].Start..tokens[m].End]);
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonStates = new[]
    {
        "absent", "absente", "malade", "enceinte", "suspendu", "suspendue", "hospitalisé", "hospitalisée", "décédé", "décédée",
        "excusé", "excusée", "convoqué", "convoquée", "licencié", "licenciée", "ziek", "afwezig", "zwanger", "geschorst",
        "overleden", "opgenomen", "verontschuldigd", "ontslagen", "krank", "abwesend", "schwanger", "suspendiert",
        "verstorben", "entschuldigt", "gekündigt", "ill", "sick", "pregnant", "suspended", "deceased", "hospitalised",
        "hospitalized", "excused", "dismissed", "off",
    }.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>An English family name: <c>the X family</c>, <c>the X household</c>.</summary>
    private static bool IsFamilyName(ReadOnlySpan<char> text, TokenList tokens, int first) =>
        first > 0 && first + 1 < tokens.Count && tokens[first - 1].Kind == TokenKind.Word && tokens[first + 1].Kind == TokenKind.Word
        && text[tokens[first - 1].Start..tokens[first - 1].End] is "the" or "The"
        && text[tokens[first + 1].Start..tokens[first + 1].End] is "family" or "household" or "family's"
        && HasNameShape(text[tokens[first].Start..tokens[first].End]);

    private bool IsPossessiveOfGivenName(ReadOnlySpan<char> w)
    {
        if (w.Length < 5 || w[^1] != 's' || w[^2] is not ('\'' or '’'))
        {
            return false;
        }

        var stem = w[..^2];
        var c = gazetteer.Classify(stem);
        return char.IsUpper(stem[0]) && (c & WordClass.FirstName) != 0 && (c & (WordClass.CommonWord | WordClass.Place | WordClass.Stopword)) == 0;
    }

    private static bool HasBirthAfter(ReadOnlySpan<char> text, TokenList tokens, int last)
    {
        var after = text[tokens[last].End..];
        after = after[..Math.Min(after.Length, 16)].TrimStart(" ,(");
        return after.StartsWith("né", StringComparison.OrdinalIgnoreCase) || after.StartsWith("geb", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("born", StringComparison.OrdinalIgnoreCase) || after.StartsWith('°')
            || HasAgeOrBirthInBrackets(text[tokens[last].End..]);
    }

    /// <summary>
    /// A bracket right after the name that gives an age (<c>Milan (16j)</c>, <c>(8 ans)</c>, <c>(34 Jahre)</c>,
    /// <c>(16 y/o)</c>) or a birth further in (<c>(unaccompanied minor, born 15/07/2009)</c>, <c>(mineur, né le …)</c>):
    /// what a bracket after a person says about the person.
    /// </summary>
    private static bool HasAgeOrBirthInBrackets(ReadOnlySpan<char> after)
    {
        var p = 0;
        while (p < after.Length && after[p] == ' ' && p < 2)
        {
            p++;
        }

        if (p >= after.Length || after[p] != '(')
        {
            return false;
        }

        var inside = after[(p + 1)..];
        var close = inside.IndexOf(')');
        if (close < 0 || close > 60)
        {
            return false;
        }

        inside = inside[..close];
        var digits = 0;
        while (digits < inside.Length && char.IsAsciiDigit(inside[digits]))
        {
            digits++;
        }

        if (digits is 1 or 2)
        {
            var unit = inside[digits..].TrimStart(' ');
            var unitEnd = 0;
            while (unitEnd < unit.Length && (char.IsLetter(unit[unitEnd]) || unit[unitEnd] is '/' or '.'))
            {
                unitEnd++;
            }

            if (unitEnd == unit.Length || unit[unitEnd] is ',' or ';' or ' ')
            {
                var u = unit[..unitEnd].TrimEnd('.');
                if (u is "j" or "jr" or "jaar" or "ans" or "an" or "jahre" or "J" or "y" or "yo" or "y/o" or "yrs" or "years" or "jarig")
                {
                    return true;
                }
            }
        }

        foreach (var birth in (ReadOnlySpan<string>)["born ", "née ", "né ", "geboren ", "geb. ", "° "])
        {
            var at = inside.IndexOf(birth, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (at == 0 || inside[at - 1] == ' '))
            {
                return true;
            }
        }

        return false;
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
        // A short name alone on the last line of the text, under a line that ends with a comma or an exclamation
        // mark (the usual end of a closing formula in every language: "Tot morgen!", "À vous lire,").
        if (before.Length > 0 && before[^1] is ',' or '!' && last - first <= 2 && text[tokens[last].End..].Trim().Length == 0)
        {
            return true;
        }

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
