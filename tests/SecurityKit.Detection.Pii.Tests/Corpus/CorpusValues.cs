using System.Globalization;
using PhoneNumbers;

namespace SecurityKit.Detection.Pii.Tests.Corpus;

/// <summary>Valid (and deliberately invalid) identifiers in their usual written forms, from a seeded random source.</summary>
internal sealed class CorpusValues(Random random)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public string NationalNumber(bool valid = true)
    {
        var y2000 = random.NextDouble() < 0.25;
        var yy = y2000 ? random.Next(0, 24) : random.Next(30, 100);
        var mm = random.Next(1, 13) + (random.NextDouble() < 0.1 ? 40 : 0);
        var body = $"{yy:D2}{mm:D2}{random.Next(1, 29):D2}{random.Next(1, 998):D3}";
        var n = long.Parse(body, Ci) + (y2000 ? 2_000_000_000L : 0);
        var check = (int)(97 - (n % 97));
        if (!valid)
        {
            check = (check % 97) + 1;
        }

        var digits = body + check.ToString("D2", Ci);
        return random.Next(4) switch
        {
            0 => digits,
            1 => $"{digits[..2]}.{digits[2..4]}.{digits[4..6]}-{digits[6..9]}.{digits[9..]}",
            2 => $"{digits[..6]} {digits[6..9]} {digits[9..]}",
            _ => $"{digits[..6]}-{digits[6..9]}.{digits[9..]}",
        };
    }

    public string EnterpriseNumber(bool valid = true)
    {
        var body = (random.NextDouble() < 0.7 ? "0" : "1") + random.Next(2000000, 9999999).ToString("D7", Ci);
        var check = (int)(97 - (long.Parse(body, Ci) % 97));
        if (!valid)
        {
            check = (check % 97) + 1;
        }

        var d = body + check.ToString("D2", Ci);
        return random.Next(5) switch
        {
            0 => $"BE{d}",
            1 => $"BE {d[..4]}.{d[4..7]}.{d[7..]}",
            2 => $"{d[..4]}.{d[4..7]}.{d[7..]}",
            3 => $"{d[..4]} {d[4..7]} {d[7..]}",
            _ => $"BE{d[..4]}.{d[4..7]}.{d[7..]}",
        };
    }

    public string Iban(bool valid = true)
    {
        var (country, length) = random.Next(10) switch
        {
            < 6 => ("BE", 16),
            6 => ("NL", 18),
            7 => ("FR", 27),
            8 => ("DE", 22),
            _ => ("LU", 20),
        };
        var bban = country == "NL"
            ? "ABNA" + Digits(10)
            : Digits(length - 4);
        var check = 98 - Mod97(bban + country + "00");
        if (!valid)
        {
            check = check == 2 ? 3 : check - 1;
        }

        var compact = $"{country}{check:D2}{bban}";
        if (random.NextDouble() < 0.3)
        {
            return compact;
        }

        return string.Join(' ', Enumerable.Range(0, (compact.Length + 3) / 4).Select(i => compact.Substring(i * 4, Math.Min(4, compact.Length - (i * 4)))));
    }

    public string PaymentCard(bool valid = true)
    {
        var prefix = random.Next(3) switch { 0 => "4", 1 => "5" + random.Next(1, 6).ToString(Ci), _ => "67" };
        var body = prefix + Digits(15 - prefix.Length);
        var check = 0;
        while (!SecurityKit.Detection.Pii.Validation.LuhnChecksum.IsValid(body + check.ToString(Ci)))
        {
            check++;
        }

        if (!valid)
        {
            check = (check + 1) % 10;
        }

        var d = body + check.ToString(Ci);
        return random.NextDouble() < 0.7 ? $"{d[..4]} {d[4..8]} {d[8..12]} {d[12..]}" : d;
    }

    public string Phone()
    {
        while (true)
        {
            var kind = random.Next(6);
            string national = kind switch
            {
                0 or 1 => "04" + random.Next(70, 100).ToString(Ci) + Digits(6),
                2 => "02" + random.Next(2, 8).ToString(Ci) + Digits(6),
                3 => "09" + random.Next(2, 4).ToString(Ci) + Digits(6),
                4 => "0" + random.Next(10, 90).ToString(Ci) + random.Next(2, 9).ToString(Ci) + Digits(5),
                _ => "03" + random.Next(2, 9).ToString(Ci) + Digits(6),
            };
            if (!Phones.IsValidNumber(Phones.Parse(national, "BE")))
            {
                continue;
            }

            var mobile = national.Length == 10;
            var rest = national[1..];
            return (random.Next(5), mobile) switch
            {
                (0, true) => $"{national[..4]} {national[4..6]} {national[6..8]} {national[8..]}",
                (1, true) => $"{national[..4]}/{national[4..6]}.{national[6..8]}.{national[8..]}",
                (2, true) => $"+32 {rest[..3]} {rest[3..5]} {rest[5..7]} {rest[7..]}",
                (3, true) => national,
                (_, true) => $"+32 (0){rest[..3]} {rest[3..5]} {rest[5..7]} {rest[7..]}",
                (0, false) when Zone2(national) => $"{national[..2]} {national[2..5]} {national[5..7]} {national[7..]}",
                (1, false) when Zone2(national) => $"{national[..2]}/{national[2..5]}.{national[5..7]}.{national[7..]}",
                (0, false) => $"{national[..3]} {national[3..5]} {national[5..7]} {national[7..]}",
                (1, false) => $"{national[..3]}/{national[3..5]}.{national[5..7]}.{national[7..]}",
                (2, false) => $"+32 {rest[..2]} {rest[2..4]} {rest[4..6]} {rest[6..]}",
                _ => national,
            };
        }
    }

    private static bool Zone2(string national) => national[1] is '2' or '3' or '4' or '9';

    public string EidCardNumber(bool valid = true)
    {
        var first = random.Next(590, 600).ToString(Ci) + Digits(7);
        var r = (int)(long.Parse(first, Ci) % 97);
        var check = r == 0 ? 97 : r;
        if (!valid)
        {
            check = (check % 97) + 1;
        }

        var d = first + check.ToString("D2", Ci);
        return random.NextDouble() < 0.8 ? $"{d[..3]}-{d[3..10]}-{d[10..]}" : d;
    }

    public string LicensePlate()
    {
        var letters = new string([.. Enumerable.Range(0, 3).Select(_ => (char)('A' + random.Next(26)))]);
        var digit = random.Next(1, 3);
        return random.Next(4) switch
        {
            0 or 1 => $"{digit}-{letters}-{Digits(3)}",
            2 => $"{digit}{letters}{Digits(3)}",
            _ => $"{digit} {letters} {Digits(3)}",
        };
    }

    public string IpAddress() => random.Next(3) switch
    {
        0 => $"192.168.{random.Next(0, 255)}.{random.Next(1, 255)}",
        1 => $"{random.Next(11, 223)}.{random.Next(0, 255)}.{random.Next(0, 255)}.{random.Next(1, 255)}",
        _ => $"2001:db8:{random.Next(0, 0xffff):x}::{random.Next(1, 0xffff):x}",
    };

    public string Date(string language, int yearFrom, int yearTo)
    {
        var d = new DateTime(random.Next(yearFrom, yearTo + 1), random.Next(1, 13), random.Next(1, 29), 0, 0, 0, DateTimeKind.Unspecified);
        var culture = CultureInfo.GetCultureInfo(language switch { "fr" => "fr-BE", "nl" => "nl-BE", "de" => "de-BE", _ => "en-GB" });
        return random.Next(4) switch
        {
            0 => d.ToString("dd/MM/yyyy", Ci),
            1 => d.ToString("dd.MM.yyyy", Ci),
            2 => language == "de" ? d.ToString("d. MMMM yyyy", culture) : d.ToString("d MMMM yyyy", culture),
            _ => language == "en" && random.NextDouble() < 0.5 ? d.ToString("MMMM d, yyyy", culture) : d.ToString("yyyy-MM-dd", Ci),
        };
    }

    public string CaseReference() => random.Next(4) switch
    {
        0 => $"D/{random.Next(2019, 2026)}/{random.Next(1000, 9999)}/{random.Next(1, 99)}",
        1 => $"{random.Next(2019, 2026)}/{random.Next(100, 9999):D4}",
        2 => $"RG {random.Next(19, 26)}/{random.Next(100, 9999)}/A",
        _ => $"AR/{random.Next(2019, 2026)}/{random.Next(10000, 99999)}",
    };

    public string Amount(string language) => language switch
    {
        "en" => $"EUR {random.Next(100, 99999):N0}.{random.Next(0, 99):D2}".Replace('\u00A0', ','),
        _ => $"{random.Next(100, 99999).ToString("N0", CultureInfo.GetCultureInfo("fr-BE")).Replace('\u202F', '.').Replace('\u00A0', '.')},{random.Next(0, 99):D2} €",
    };

    public string Digits(int count) => new([.. Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10)))]);

    private static int Mod97(string alnum)
    {
        var r = 0;
        foreach (var c in alnum)
        {
            r = char.IsAsciiDigit(c) ? ((r * 10) + (c - '0')) % 97 : ((r * 100) + (c - 'A' + 10)) % 97;
        }

        return r;
    }
}
