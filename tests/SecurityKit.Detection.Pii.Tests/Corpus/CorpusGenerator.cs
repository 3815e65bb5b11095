using System.Globalization;
using System.Text;
using System.Text.Json;
using Bogus;

namespace SecurityKit.Detection.Pii.Tests.Corpus;

/// <summary>
/// Makes the labelled evaluation corpus deterministically (fixed seeds): templates × names from Bogus's Belgian and
/// neighbouring locales × valid generated identifiers, plus the hand-written texts of <c>handwritten.txt</c>. One template
/// in four, with names, streets and places from <see cref="HoldoutNames"/>, forms the <c>holdout</c> split.
/// </summary>
internal static class CorpusGenerator
{
    public const string FileName = "pii-corpus.jsonl";

    private static readonly (string Language, string[] Templates, int Count)[] Plan =
    [
        ("fr", CorpusTemplates.French, 192),
        ("nl", CorpusTemplates.Dutch, 168),
        ("de", CorpusTemplates.German, 48),
        ("en", CorpusTemplates.English, 72),
    ];

    public static IReadOnlyList<string> GenerateLines(string handwritten)
    {
        var lines = new List<string>();
        foreach (var (language, templates, count) in Plan)
        {
            var random = new Random(Seed(language));
            Randomizer.Seed = new Random(Seed(language) + 1);
            var builder = new TextBuilder(language, random);
            for (var n = 0; n < count; n++)
            {
                var templateIndex = n % templates.Length;
                var holdout = templateIndex % 4 == 3;
                var (text, entities) = builder.Fill(templates[templateIndex], holdout);
                lines.Add(Line($"{language}-{n + 1:D3}", language, holdout ? "holdout" : "dev", text, entities));
            }
        }

        var h = 0;
        foreach (var raw in handwritten.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var language = line[..2];
            var (text, entities) = ParseMarkup(line[3..].Replace("\\n", "\n", StringComparison.Ordinal));
            lines.Add(Line($"hand-{++h:D3}", language, "holdout", text, entities));
        }

        return lines;
    }

    /// <summary>
    /// The JSONL lines of a hand-written file of <c>lang|[[TYPE:value]] text</c> lines (such as the hard sets under
    /// <c>Corpus/Hard</c>), with ids <paramref name="idPrefix"/>-001… and the given split.
    /// </summary>
    public static IReadOnlyList<string> HandwrittenLines(string marked, string idPrefix, string split)
    {
        var lines = new List<string>();
        foreach (var raw in marked.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var (text, entities) = ParseMarkup(line[3..].Replace("\\n", "\n", StringComparison.Ordinal));
            lines.Add(Line($"{idPrefix}-{lines.Count + 1:D3}", line[..2], split, text, entities));
        }

        return lines;
    }

    private static int Seed(string language) => language switch { "fr" => 1101, "nl" => 2202, "de" => 3303, _ => 4404 };

    /// <summary>Reads <c>[[TYPE:value]]</c> markup into a text and its spans.</summary>
    public static (string Text, List<(int Start, int End, string Type)> Entities) ParseMarkup(string marked)
    {
        var sb = new StringBuilder();
        var entities = new List<(int, int, string)>();
        var i = 0;
        while (i < marked.Length)
        {
            var open = marked.IndexOf("[[", i, StringComparison.Ordinal);
            if (open < 0)
            {
                sb.Append(marked, i, marked.Length - i);
                break;
            }

            sb.Append(marked, i, open - i);
            var colon = marked.IndexOf(':', open);
            var close = marked.IndexOf("]]", colon, StringComparison.Ordinal);
            var type = marked[(open + 2)..colon];
            var value = marked[(colon + 1)..close];
            entities.Add((sb.Length, sb.Length + value.Length, type));
            sb.Append(value);
            i = close + 2;
        }

        return (sb.ToString(), entities);
    }

    private static string Line(string id, string language, string split, string text, List<(int Start, int End, string Type)> entities)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("lang", language);
            w.WriteString("split", split);
            w.WriteString("text", text);
            w.WriteStartArray("entities");
            foreach (var (start, end, type) in entities.OrderBy(e => e.Start))
            {
                w.WriteStartObject();
                w.WriteNumber("start", start);
                w.WriteNumber("end", end);
                w.WriteString("type", type);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class TextBuilder(string language, Random random)
    {
        private static readonly string[] Domains = ["gmail.com", "skynet.be", "telenet.be", "proximus.be", "hotmail.com", "outlook.be", "example.be"];
        private static readonly string[] FrenchStreetNames = ["de la Station", "des Champs", "du Moulin", "de l'Église", "des Alliés", "du Centre", "de la Loi", "Royale", "de Namur", "des Écoles", "du Marché"];
        private static readonly string[] DutchStreetStems = ["Kerk", "Molen", "Stations", "School", "Beek", "Dorps", "Kasteel", "Linden", "Nieuw", "Veld"];
        private static readonly string[] DutchSuffixes = ["straat", "straat", "laan", "steenweg", "dreef", "plein", "lei"];
        private readonly CorpusValues values = new(random);
        private readonly Faker[] fakers = [.. LocalesFor(language).Select(l => new Faker(l))];
        private readonly List<(int Postcode, string Name)> places = [.. LoadPlaces()];
        private string lastSurname = "Peeters";
        private (string First, string Last) lastPerson;

        public (string Text, List<(int Start, int End, string Type)> Entities) Fill(string template, bool holdout)
        {
            var sb = new StringBuilder();
            var entities = new List<(int, int, string)>();
            var i = 0;
            while (i < template.Length)
            {
                var open = template.IndexOf('{', i);
                if (open < 0)
                {
                    sb.Append(template, i, template.Length - i);
                    break;
                }

                sb.Append(template, i, open - i);
                var close = template.IndexOf('}', open);
                var slot = template[(open + 1)..close];
                i = close + 1;
                Append(sb, entities, slot, holdout);
            }

            return (sb.ToString(), entities);
        }

        private void Append(StringBuilder sb, List<(int, int, string)> entities, string slot, bool holdout)
        {
            void Add(string value, string? type)
            {
                if (type is not null)
                {
                    entities.Add((sb.Length, sb.Length + value.Length, type));
                }

                sb.Append(value);
            }

            switch (slot)
            {
                case "PERSON":
                    Add(PersonName(holdout), "PERSON");
                    break;
                case "TITLED":
                    sb.Append(Title()).Append(' ');
                    Add(PersonName(holdout), "PERSON");
                    break;
                case "UPPER":
                    PersonName(holdout);
                    Add($"{lastPerson.Last.ToUpper(CultureInfo.InvariantCulture)} {lastPerson.First}", "PERSON");
                    break;
                case "SURNAME":
                    Add(lastSurname, "PERSON");
                    break;
                case "ADDRESS":
                    Add(Address(holdout), "ADDRESS");
                    break;
                case "EMAIL":
                    Add(Email(), "EMAIL");
                    break;
                case "NATIONAL_NUMBER":
                    Add(values.NationalNumber(), slot);
                    break;
                case "ENTERPRISE_NUMBER":
                    Add(values.EnterpriseNumber(), slot);
                    break;
                case "IBAN":
                    Add(values.Iban(), slot);
                    break;
                case "PAYMENT_CARD":
                    Add(values.PaymentCard(), slot);
                    break;
                case "PHONE":
                    Add(values.Phone(), slot);
                    break;
                case "EID_CARD_NUMBER":
                    Add(values.EidCardNumber(), slot);
                    break;
                case "LICENSE_PLATE":
                    Add(values.LicensePlate(), slot);
                    break;
                case "IP_ADDRESS":
                    Add(values.IpAddress(), slot);
                    break;
                case "DATE_OF_BIRTH":
                    Add(values.Date(language, 1935, 2020), slot);
                    break;
                case "DATE":
                    Add(values.Date(language, 2023, 2026), null);
                    break;
                case "BAD_NISS":
                    Add(values.NationalNumber(valid: false), null);
                    break;
                case "BAD_KBO":
                    Add(values.EnterpriseNumber(valid: false), null);
                    break;
                case "BAD_IBAN":
                    Add(values.Iban(valid: false), null);
                    break;
                case "BAD_CARD":
                    Add(values.PaymentCard(valid: false), null);
                    break;
                case "CASE_REF":
                    Add(values.CaseReference(), null);
                    break;
                case "AMOUNT":
                    Add(values.Amount(language), null);
                    break;
                case "CITY":
                    Add(Place(holdout).Name, null);
                    break;
                case "INSTITUTION":
                    Add(Institution(), null);
                    break;
                default:
                    throw new InvalidOperationException($"unknown slot {slot}");
            }
        }

        private string PersonName(bool holdout)
        {
            string first, last;
            if (holdout)
            {
                first = HoldoutNames.FirstNames[random.Next(HoldoutNames.FirstNames.Length)];
                last = HoldoutNames.Surnames[random.Next(HoldoutNames.Surnames.Length)];
            }
            else
            {
                var faker = fakers[random.Next(fakers.Length)];
                first = faker.Name.FirstName();
                last = faker.Name.LastName();
            }

            lastSurname = last;
            lastPerson = (first, last);
            return $"{first} {last}";
        }

        private string Title() => language switch
        {
            "fr" => Pick("M.", "Mme", "Madame", "Monsieur", "Me", "Dr"),
            "nl" => Pick("Dhr.", "Mevr.", "mevrouw", "de heer", "meneer", "Dr."),
            "de" => Pick("Herr", "Frau", "Dr."),
            _ => Pick("Mr", "Mrs", "Ms", "Dr"),
        };

        private string Address(bool holdout)
        {
            var (postcode, place) = Place(holdout);
            var number = random.Next(1, 250).ToString(CultureInfo.InvariantCulture) + (random.NextDouble() < 0.1 ? "A" : string.Empty);
            var separator = random.NextDouble() < 0.15 ? "\n" : ", ";
            string street;
            string box;
            if (holdout && language != "fr")
            {
                street = HoldoutNames.Streets[random.Next(HoldoutNames.Streets.Length)];
                box = random.NextDouble() < 0.2 ? $" bus {random.Next(1, 30)}" : string.Empty;
            }
            else if (language == "fr" || (language == "en" && random.NextDouble() < 0.5))
            {
                var name = random.NextDouble() < 0.6 ? FrenchStreetNames[random.Next(FrenchStreetNames.Length)] : fakers[0].Name.LastName();
                if (holdout)
                {
                    name = HoldoutNames.Surnames[random.Next(HoldoutNames.Surnames.Length)];
                }

                street = $"{Pick("Rue", "Avenue", "Chaussée", "Boulevard", "Place", "rue", "avenue")} {name}";
                box = random.NextDouble() < 0.2 ? $" bte {random.Next(1, 30)}" : string.Empty;
            }
            else if (language == "de")
            {
                street = new Faker("de").Address.StreetName();
                box = string.Empty;
            }
            else
            {
                street = DutchStreetStems[random.Next(DutchStreetStems.Length)] + DutchSuffixes[random.Next(DutchSuffixes.Length)];
                box = random.NextDouble() < 0.2 ? $" bus {random.Next(1, 30)}" : string.Empty;
            }

            return $"{street} {number}{box}{separator}{postcode} {place}";
        }

        private (int Postcode, string Name) Place(bool holdout) =>
            holdout ? HoldoutNames.Places[random.Next(HoldoutNames.Places.Length)] : places[random.Next(places.Count)];

        private string Email()
        {
            var (first, last) = lastPerson == default ? ("info", "contact") : lastPerson;
            var local = $"{Ascii(first)}.{Ascii(last)}".ToLowerInvariant();
            return $"{local}@{Domains[random.Next(Domains.Length)]}";
        }

        private string Institution()
        {
            var all = CorpusTemplates.Institutions;
            var range = language switch { "fr" => (0, 7), "nl" => (7, 12), "de" => (13, 15), _ => (15, 18) };
            return all[random.Next(range.Item1, range.Item2)];
        }

        private string Pick(params string[] options) => options[random.Next(options.Length)];

        private static string Ascii(string s)
        {
            var normalized = s.Normalize(NormalizationForm.FormD);
            var sb = new StringBuilder();
            foreach (var c in normalized)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    sb.Append(c);
                }
            }

            return sb.ToString();
        }

        private static string[] LocalesFor(string language) => language switch
        {
            "fr" => ["fr", "fr", "nl_BE", "de"],
            "nl" => ["nl_BE", "nl", "nl_BE", "fr"],
            "de" => ["de", "de", "fr", "nl_BE"],
            _ => ["en", "fr", "nl_BE", "de"],
        };

        private static IEnumerable<(int, string)> LoadPlaces()
        {
            // The four largest municipalities of each region, written as locals write them.
            return
            [
                (1000, "Bruxelles"), (1000, "Brussel"), (1050, "Ixelles"), (1080, "Molenbeek-Saint-Jean"), (1180, "Uccle"),
                (2000, "Antwerpen"), (9000, "Gent"), (3000, "Leuven"), (8000, "Brugge"), (2800, "Mechelen"), (3500, "Hasselt"),
                (4000, "Liège"), (6000, "Charleroi"), (5000, "Namur"), (7000, "Mons"), (1348, "Louvain-la-Neuve"),
                (4700, "Eupen"), (4780, "Sankt Vith"), (7100, "La Louvière"), (1420, "Braine-l'Alleud"), (8500, "Kortrijk"),
            ];
        }
    }
}
