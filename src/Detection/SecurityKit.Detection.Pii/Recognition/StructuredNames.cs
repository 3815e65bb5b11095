using System.Collections.Frozen;
using SecurityKit.Detection.Pii.Gazetteers;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// Names that the structure of a text marks, with no context word in the sentence: a cell of a table column whose
/// header says it holds names (markdown, CSV, tab-separated: <c>| Nom |</c>, <c>Voornaam;Achternaam</c>), the value of
/// a JSON key that holds a person (<c>"naam": "…"</c>, <c>"Name": "…"</c>), the speaker of a chat line
/// (<c>[10:02] Sofie: …</c>, or two and more <c>Sofie: …</c> lines), and a mention (<c>@jan</c>). The structure is
/// strong evidence, so the name may be written in lower case; its shape is still checked (letters, at most five words,
/// no word that the lists know as a non-name), which keeps "Urbanisme", "N/A" or "2025/0147" out.
/// Every scan is a single pass over lines or quotes: linear in the text.
/// </summary>
internal static class StructuredNames
{
    /// <summary>Score of a name found by structure: above the gazetteer pairs, below a title right before.</summary>
    public const double StructureScore = 0.9;

    private const int MaxCell = 64;

    /// <summary>Table headers of a column of people (compared whole, case-insensitively).</summary>
    private static readonly FrozenSet<string> PersonHeaders = new[]
    {
        "nom", "prénom", "prenom", "nom complet", "nom et prénom", "prénom et nom", "nom prénom", "prénom nom", "agent",
        "gestionnaire", "responsable", "contact", "personne de contact", "participant", "participants", "collaborateur",
        "collaboratrice", "demandeur", "titulaire", "auteur", "employé", "bénéficiaire", "patient", "locataire",
        "naam", "voornaam", "achternaam", "familienaam", "volledige naam", "naam en voornaam", "voornaam en naam",
        "behandelaar", "dossierbehandelaar", "dossierbeheerder", "contactpersoon", "deelnemer", "deelnemers",
        "medewerker", "verantwoordelijke", "aanvrager", "huurder", "klant", "leerling", "name", "vorname", "nachname",
        "familienname", "vollständiger name", "sachbearbeiter", "sachbearbeiterin", "ansprechpartner", "teilnehmer",
        "mitarbeiter", "mitarbeiterin", "antragsteller", "first name", "last name", "surname", "given name",
        "family name", "full name", "contact person", "employee", "owner", "assignee", "attendee", "attendees",
        "applicant", "tenant", "author", "staff", "person", "persoon", "personne",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonHeaderLookup = PersonHeaders.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>JSON keys of a person, compared without case, underscores, hyphens or spaces (first_name = firstName).</summary>
    private static readonly FrozenSet<string> PersonKeys = new[]
    {
        "name", "fullname", "firstname", "lastname", "surname", "givenname", "familyname", "displayname", "contactname",
        "personname", "nom", "prenom", "prénom", "nomcomplet", "naam", "voornaam", "achternaam", "familienaam",
        "volledigenaam", "vorname", "nachname", "familienname", "contact", "contactpersoon", "contactperson",
        "personnedecontact", "ansprechpartner", "agent", "behandelaar", "dossierbehandelaar", "dossierbeheerder",
        "gestionnaire", "sachbearbeiter", "author", "auteur", "employee", "employeename", "medewerker", "employe", "employé",
        "mitarbeiter", "patient", "patientname", "applicant", "demandeur", "aanvrager", "antragsteller", "assignee",
        "reporter", "requester", "requestedby", "createdby", "person", "persoon", "personne", "titulaire", "holder",
        "accountholder", "tenant", "locataire", "huurder", "mieter", "beneficiary", "bénéficiaire", "begunstigde",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonKeyLookup = PersonKeys.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds the names found by structure to <paramref name="found"/> as (start, end) offsets.</summary>
    public static void Find(ReadOnlySpan<char> text, List<(int Start, int End, double Score)> found)
    {
        var cells = new List<(int Start, int End)>();
        FindColumnCells(text, PersonHeaderLookup, cells);
        foreach (var (start, end) in cells)
        {
            // Lower-case cells are left out: a "name" column of a technical table holds identifiers (default, my-app).
            if (IsNameShaped(text[start..end], allowLowerCase: false, allowPlaces: true))
            {
                found.Add((start, end, StructureScore));
            }
        }
        if (text.Contains('"') || text.Contains('\''))
        {
            FindJsonValues(text, found);
        }

        FindChatSpeakers(text, found);
        if (text.Contains('@'))
        {
            FindMentions(text, found);
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> has the shape of a name: one to five words of letters (inner hyphens and
    /// apostrophes, initials such as <c>J.</c>, particles), no digit, no word the lists know as a non-name. Where the
    /// structure itself says "person" (<paramref name="allowPlaces"/>: a name column, a person key, a time-stamped
    /// speaker), a word that is also a municipality is accepted (Brecht, Lier, Mol are given names too).
    /// </summary>
    public static bool IsNameShaped(ReadOnlySpan<char> value, bool allowLowerCase, bool allowPlaces = false)
    {
        if (value.Length < 2 || value.Length > MaxCell)
        {
            return false;
        }

        var words = 0;
        var nameWords = 0;
        var upper = false;
        var i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && value[i] == ' ')
            {
                i++;
            }

            if (i == value.Length)
            {
                break;
            }

            var s = i;
            while (i < value.Length && value[i] != ' ')
            {
                i++;
            }

            var word = value[s..i];
            words++;
            if (words > 5)
            {
                return false;
            }

            // An initial (J.) or an upper-case initial pair (J.-P.).
            if (word.Length <= 5 && word[^1] == '.' && char.IsUpper(word[0]) && word.Length is 2 or 5)
            {
                continue;
            }

            var letters = 0;
            foreach (var c in word)
            {
                if (!(char.IsLetter(c) || c is '-' or '\'' or '’'))
                {
                    return false;
                }

                letters += char.IsLetter(c) ? 1 : 0;
            }

            if (letters < 2 || !char.IsLetter(word[0]))
            {
                return false;
            }

            var cls = Gazetteer.Shared.Classify(word);
            if ((cls & WordClass.NameParticle) != 0 && (cls & (WordClass.FirstName | WordClass.Surname)) == 0)
            {
                continue;
            }

            var notAName = WordClass.Stopword | WordClass.Title | WordClass.Role | WordClass.StreetPrefix | WordClass.Greeting | (allowPlaces ? 0 : WordClass.Place);
            if ((cls & (WordClass.FirstName | WordClass.Surname)) == 0 && (cls & notAName) != 0)
            {
                return false;
            }

            if (Gazetteer.Shared.EndsWithStreetSuffix(word, out _) && (cls & (WordClass.FirstName | WordClass.Surname)) == 0)
            {
                return false;
            }

            nameWords++;
            upper |= char.IsUpper(word[0]);
        }

        return nameWords > 0 && (upper || allowLowerCase);
    }

    /// <summary>Table headers of a column of birth dates.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BirthDateHeaderLookup = new[]
    {
        "date de naissance", "né le", "née le", "naissance", "geboortedatum", "geboren op", "geboren", "geburtsdatum",
        "geboren am", "date of birth", "birth date", "birthdate", "dob", "d.o.b.",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The cells (trimmed, without quotes) of the columns of a table whose header says they hold birth dates
    /// (<c>Geboortedatum</c>, <c>Date de naissance</c>, <c>DOB</c>): the header is the birth-date marker of the column.
    /// </summary>
    public static void FindBirthDateCells(ReadOnlySpan<char> text, List<(int Start, int End)> cells) =>
        FindColumnCells(text, BirthDateHeaderLookup, cells);

    /// <summary>
    /// Cells of the columns whose header cell is in <paramref name="headers"/>, in markdown, CSV (<c>;</c>, <c>,</c>)
    /// and tab-separated tables: the rows below a header row until a line without the delimiter.
    /// </summary>
    private static void FindColumnCells(ReadOnlySpan<char> text, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> headers, List<(int Start, int End)> cells)
    {
        // Header state: the delimiter, the number of cells and which cells hold names (a bit per column, 32 columns).
        var delimiter = '\0';
        uint nameColumns = 0;
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var newline = text[lineStart..].IndexOf('\n');
            var lineEnd = newline < 0 ? text.Length : lineStart + newline;
            var line = text[lineStart..lineEnd];
            if (nameColumns != 0 && line.Contains(delimiter))
            {
                if (!IsSeparatorRow(line))
                {
                    AddCells(lineStart, line, delimiter, nameColumns, cells);
                }
            }
            else
            {
                nameColumns = 0;
                if (line.Length is > 2 and < 400)
                {
                    foreach (var d in (ReadOnlySpan<char>)['|', '\t', ';', ','])
                    {
                        if (line.Contains(d))
                        {
                            nameColumns = HeaderColumns(line, d, headers);
                            if (nameColumns != 0)
                            {
                                delimiter = d;
                                break;
                            }
                        }
                    }
                }
            }

            if (newline < 0)
            {
                break;
            }

            lineStart = lineEnd + 1;
        }
    }

    /// <summary>The columns of a header row whose cell is one of <paramref name="headers"/>; 0 when the line is not a header row.</summary>
    private static uint HeaderColumns(ReadOnlySpan<char> line, char delimiter, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> headers)
    {
        uint columns = 0;
        var cells = 0;
        var column = 0;
        foreach (var range in line.Split(delimiter))
        {
            var cell = line[range].Trim().Trim('*').Trim();
            if (delimiter == '|' && cell.Length == 0 && (range.Start.Value == 0 || range.End.Value == line.Length))
            {
                continue; // the outer pipes of a markdown row
            }

            if (cell.Length > 40)
            {
                return 0; // prose, not a header
            }

            if (column < 32 && headers.Contains(cell))
            {
                columns |= 1u << column;
            }

            cells++;
            column++;
        }

        return cells >= 2 ? columns : 0;
    }

    private static void AddCells(int lineStart, ReadOnlySpan<char> line, char delimiter, uint columns, List<(int Start, int End)> cells)
    {
        var column = 0;
        foreach (var range in line.Split(delimiter))
        {
            var raw = line[range];
            if (delimiter == '|' && raw.Trim().Length == 0 && (range.Start.Value == 0 || range.End.Value == line.Length))
            {
                continue;
            }

            if (column < 32 && (columns & (1u << column)) != 0)
            {
                var cell = raw.Trim();
                var offset = lineStart + range.Start.Value + (raw.Length - raw.TrimStart().Length);
                if (cell.Length > 1 && cell[0] == '"' && cell[^1] == '"')
                {
                    cell = cell[1..^1];
                    offset++;
                }

                if (cell.Length > 0)
                {
                    cells.Add((offset, offset + cell.Length));
                }
            }

            column++;
        }
    }

    private static bool IsSeparatorRow(ReadOnlySpan<char> line) =>
        line.IndexOfAnyExcept("|-: \t") < 0;

    /// <summary><c>"key": "value"</c> (or with single quotes) where the key names a person.</summary>
    private static void FindJsonValues(ReadOnlySpan<char> text, List<(int Start, int End, double Score)> found)
    {
        var i = 0;
        while (i < text.Length)
        {
            var open = text[i..].IndexOfAny('"', '\'');
            if (open < 0)
            {
                return;
            }

            open += i;
            var quote = text[open];
            var keyEnd = open + 1;
            while (keyEnd < text.Length && keyEnd - open <= 40 && text[keyEnd] != quote && text[keyEnd] != '\n')
            {
                keyEnd++;
            }

            i = open + 1;
            if (keyEnd >= text.Length || text[keyEnd] != quote || keyEnd == open + 1)
            {
                continue;
            }

            var k = keyEnd + 1;
            while (k < text.Length && TextScan.IsSpace(text[k]))
            {
                k++;
            }

            if (k >= text.Length || text[k] is not (':' or '='))
            {
                continue;
            }

            k++;
            while (k < text.Length && TextScan.IsSpace(text[k]))
            {
                k++;
            }

            if (k >= text.Length || text[k] != quote || !IsPersonKey(text[(open + 1)..keyEnd], out var onlyPersons))
            {
                continue;
            }

            var valueStart = k + 1;
            var valueEnd = valueStart;
            while (valueEnd < text.Length && valueEnd - valueStart <= MaxCell && text[valueEnd] != quote && text[valueEnd] != '\n')
            {
                valueEnd++;
            }

            if (valueEnd < text.Length && text[valueEnd] == quote)
            {
                var value = text[valueStart..valueEnd];
                var trimmed = value.Trim();
                // "name" also names packages and settings ("name": "my-app"): only keys that hold nothing but people's
                // names (first_name, achternaam, Vorname) accept a lower-case value.
                if (IsNameShaped(trimmed, allowLowerCase: onlyPersons, allowPlaces: true))
                {
                    var start = valueStart + (value.Length - value.TrimStart().Length);
                    found.Add((start, start + trimmed.Length, StructureScore));
                }

                i = valueEnd + 1;
            }
        }
    }

    /// <summary>Keys that hold nothing but a person's name parts.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NamePartKeys = new[]
    {
        "firstname", "lastname", "fullname", "surname", "givenname", "familyname", "prenom", "prénom", "voornaam",
        "achternaam", "familienaam", "vorname", "nachname", "familienname", "nomcomplet", "volledigenaam",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsPersonKey(ReadOnlySpan<char> key, out bool onlyPersons)
    {
        onlyPersons = false;
        Span<char> compact = stackalloc char[40];
        var n = 0;
        foreach (var c in key)
        {
            if (c is '_' or '-' or ' ' or '.')
            {
                continue;
            }

            if (n == compact.Length)
            {
                return false;
            }

            compact[n++] = c;
        }

        onlyPersons = NamePartKeys.Contains(compact[..n]);
        return PersonKeyLookup.Contains(compact[..n]);
    }

    /// <summary>
    /// Speakers of a chat log: a name at the start of a line followed by a colon. With a time stamp before it
    /// (<c>[10:02]</c>, <c>10:02</c>, <c>(10:02)</c>) one line is enough; without one, two such lines are needed, so
    /// that a lone label ("Objet : …") is not a speaker.
    /// </summary>
    private static void FindChatSpeakers(ReadOnlySpan<char> text, List<(int Start, int End, double Score)> found)
    {
        var before = found.Count;
        List<int>? untimedLines = null;
        var lineNumber = 0;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var newline = text[lineStart..].IndexOf('\n');
            var lineEnd = newline < 0 ? text.Length : lineStart + newline;
            var line = text[lineStart..lineEnd];
            var colon = line.IndexOf(':');
            if (colon > 0 && colon < 48)
            {
                var p = 0;
                var timed = SkipTimeStamp(line, ref p);
                colon = line[p..].IndexOf(':');
                if (colon > 0 && p + colon + 1 < line.Length && line[p + colon + 1] == ' ')
                {
                    var speaker = line[p..(p + colon)];
                    var trimmed = speaker.Trim();
                    if (trimmed.Length > 0 && trimmed[0] == '@')
                    {
                        trimmed = trimmed[1..];
                    }

                    var start = lineStart + p + (speaker.Length - speaker.TrimStart().TrimStart('@').Length);
                    // Untimed speakers may be one lower-case word too (jonas: …, tom: …); the run test below decides.
                    var lowerSingle = !timed && speaker[^1] != ' ' && trimmed.IndexOf(' ') < 0 && IsLowerCaseWord(trimmed);
                    if (trimmed.Length >= 2 && CountSpaces(trimmed) <= 2 && (timed || lowerSingle || (speaker[^1] != ' ' && IsCapitalisedWords(trimmed))))
                    {
                        if (IsNameShaped(trimmed, allowLowerCase: timed || lowerSingle, allowPlaces: timed))
                        {
                            found.Add((start, start + trimmed.Length, timed ? StructureScore : -1));
                            if (!timed)
                            {
                                (untimedLines ??= []).Add(lineNumber);
                            }
                        }
                    }
                }
            }

            if (newline < 0)
            {
                break;
            }

            lineStart = lineEnd + 1;
            lineNumber++;
        }

        // Untimed speakers count only in a log: a run of two or more speaker lines in a row in which a speaker speaks
        // twice, or whose speakers are all known given names. Labels spread over a document ("Details: …" under every
        // section) or a block of form fields ("Objet: …", "Remarque: …") are not a log.
        if (untimedLines is null)
        {
            return;
        }

        var untimedIndexes = new List<int>(untimedLines.Count);
        for (var k = before; k < found.Count; k++)
        {
            if (found[k].Score < 0)
            {
                untimedIndexes.Add(k);
            }
        }

        var runStart = 0;
        for (var n = 1; n <= untimedIndexes.Count; n++)
        {
            if (n < untimedIndexes.Count && untimedLines[n] == untimedLines[n - 1] + 1)
            {
                continue;
            }

            var isLog = n - runStart >= 2 && RunIsALog(text, found, untimedIndexes, runStart, n);
            for (var r = runStart; r < n; r++)
            {
                var k = untimedIndexes[r];
                found[k] = (found[k].Start, found[k].End, isLog ? StructureScore - 0.1 : -1);
            }

            runStart = n;
        }

        found.RemoveAll(f => f.Score < 0);
    }

    private static bool RunIsALog(ReadOnlySpan<char> text, List<(int Start, int End, double Score)> found, List<int> indexes, int from, int to)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var allKnown = true;
        for (var r = from; r < to; r++)
        {
            var (start, end, _) = found[indexes[r]];
            var speaker = text[start..end];
            if (!seen.Add(speaker.ToString()))
            {
                return true;
            }

            var space = speaker.IndexOf(' ');
            allKnown &= Gazetteer.Shared.IsFirstName(space < 0 ? speaker : speaker[..space]);
        }

        return allKnown;
    }

    private static int CountSpaces(ReadOnlySpan<char> s) => s.Count(' ');

    private static bool IsLowerCaseWord(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsLower(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    /// <summary>One to three words, each an upper-case letter followed by lower-case letters (hyphenated parts allowed).</summary>
    private static bool IsCapitalisedWords(ReadOnlySpan<char> s)
    {
        var startOfWord = true;
        foreach (var c in s)
        {
            if (c == ' ')
            {
                startOfWord = true;
                continue;
            }

            if (startOfWord ? !char.IsUpper(c) : !(char.IsLower(c) || c is '-' or '\'' or '’'))
            {
                return false;
            }

            startOfWord = c is '-' or '\'' or '’';
            if (startOfWord)
            {
                continue;
            }
        }

        return true;
    }

    /// <summary>Skips a time stamp at the start of a chat line: <c>[10:02]</c>, <c>(10:02:33)</c>, <c>10:02 -</c>, <c>[27/11 10:02]</c>.</summary>
    private static bool SkipTimeStamp(ReadOnlySpan<char> line, ref int p)
    {
        var i = 0;
        while (i < line.Length && TextScan.IsSpace(line[i]))
        {
            i++;
        }

        // A channel label before the time stamp (chat 10:02 lies: …, sms 09:15 Tom: …): one lower-case word of letters, as
        // a log writes it, skipped only when a time stamp follows it ("Planning 09:30 Accueil:" is a schedule).
        var label = i;
        while (label < line.Length && label - i <= 12 && char.IsLower(line[label]))
        {
            label++;
        }

        if (label > i && label - i <= 12 && label + 1 < line.Length && line[label] == ' '
            && (char.IsAsciiDigit(line[label + 1]) || line[label + 1] is '[' or '('))
        {
            var q = 0;
            if (SkipTimeStampAt(line, label + 1, ref q))
            {
                p = q;
                return true;
            }
        }

        return SkipTimeStampAt(line, i, ref p);
    }

    private static bool SkipTimeStampAt(ReadOnlySpan<char> line, int i, ref int p)
    {

        if (i < line.Length && line[i] is '[' or '(')
        {
            var close = line[i..].IndexOfAny(']', ')');
            if (close > 0 && close <= 24 && IsTime(line[(i + 1)..(i + close)]))
            {
                p = i + close + 1;
                SkipSeparator(line, ref p);
                return true;
            }

            return false;
        }

        var end = i;
        while (end < line.Length && (char.IsAsciiDigit(line[end]) || line[end] == ':'))
        {
            end++;
        }

        if (end > i && IsTime(line[i..end]) && end < line.Length && line[end] is ' ' or '-')
        {
            p = end;
            SkipSeparator(line, ref p);
            return true;
        }

        return false;
    }

    private static void SkipSeparator(ReadOnlySpan<char> line, ref int p)
    {
        while (p < line.Length && (TextScan.IsSpace(line[p]) || line[p] is '-' or '–'))
        {
            p++;
        }
    }

    /// <summary>Whether <paramref name="s"/> contains a clock time hh:mm (with an optional date before it).</summary>
    private static bool IsTime(ReadOnlySpan<char> s)
    {
        var colon = s.LastIndexOf(':');
        if (colon > 0 && s.Length - colon == 4 && char.IsAsciiDigit(s[^1]) && char.IsAsciiDigit(s[^2]))
        {
            // hh:mm:ss → look at hh:mm
            s = s[..colon];
            colon = s.LastIndexOf(':');
        }

        return colon >= 1 && colon + 3 == s.Length && char.IsAsciiDigit(s[colon - 1]) && char.IsAsciiDigit(s[colon + 1]) && char.IsAsciiDigit(s[colon + 2]);
    }

    /// <summary>A mention <c>@jan</c> or <c>@Sofie</c>, not the <c>@</c> of an e-mail address.</summary>
    private static void FindMentions(ReadOnlySpan<char> text, List<(int Start, int End, double Score)> found)
    {
        var i = 0;
        while (i < text.Length)
        {
            var at = text[i..].IndexOf('@');
            if (at < 0)
            {
                return;
            }

            at += i;
            i = at + 1;
            if (at > 0 && !(TextScan.IsSpace(text[at - 1]) || text[at - 1] is '\n' or '(' or ',' or '>'))
            {
                continue;
            }

            var end = at + 1;
            while (end < text.Length && (char.IsLetter(text[end]) || (text[end] is '-' or '.' or '_' && end + 1 < text.Length && char.IsLetter(text[end + 1]))))
            {
                end++;
            }

            // "@example.org" is a domain, "@jan." ends a sentence.
            var mention = text[(at + 1)..end];
            if (mention.Length >= 2 && !mention.Contains('.') && !mention.Contains('_') && IsNameShaped(mention, allowLowerCase: true))
            {
                found.Add((at + 1, end, StructureScore - 0.05));
            }
        }
    }
}
