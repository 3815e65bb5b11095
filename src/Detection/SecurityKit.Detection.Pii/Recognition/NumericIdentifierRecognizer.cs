using PhoneNumbers;
using SecurityKit.Detection.Pii.Validation;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// One pass over the text for every identifier made of digit groups: national register and BIS numbers, enterprise
/// numbers (also <c>BE0…</c>), eID card numbers, payment cards and phone numbers. A hand scanner rather than one
/// regex per type: it reads each digit chunk once (linear time, no backtracking), accepts every usual grouping
/// (<c>85.07.30-033.28</c>, <c>850730 033 28</c>, <c>85073003328</c>) and lets the checksum decide.
/// </summary>
/// <remarks>
/// A chunk is a run of digit groups separated by at most three of <c>space . - / ( )</c>. Inside a chunk, every
/// window of groups is tried; a window may only begin or end where the chunk has a space, so a dotted number is
/// never carved into pieces. Each type allows group boundaries only where its written forms put them (NISS after
/// digits 2, 4, 6, 9; KBO after 4 and 7; eID after 3 and 10; cards every 4 or 4-6-5), so random digit runs do not
/// validate by the 1-in-97 chance of a checksum.
/// </remarks>
public sealed class NumericIdentifierRecognizer : IPiiRecognizer
{
    private const int MaxGroups = 64;
    private const int MaxDigits = 19;
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private static readonly string[] EnterpriseWords =
    [
        "kbo", "bce", "btw", "tva", "vat", "ust", "entreprise", "onderneming", "ondernemingsnummer", "unternehmen",
        "unternehmensnummer", "enterprise", "company", "société", "vennootschap", "firma", "asbl", "vzw", "srl", "bv", "sa", "nv",
    ];

    private static readonly string[] PhoneWords =
    [
        "tel", "tél", "téléphone", "telefoon", "telefon", "phone", "gsm", "mobile", "mobiel", "portable", "handy", "fax",
        "bellen", "appeler", "anrufen", "call", "joignable", "bereikbaar", "erreichbar", "whatsapp", "sms",
    ];

    /// <inheritdoc />
    public string Name => "numeric-identifiers";

    /// <inheritdoc />
    public void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Span<int> starts = stackalloc int[MaxGroups];
        Span<int> ends = stackalloc int[MaxGroups];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var plus = c == '+' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (!char.IsAsciiDigit(c) && !plus)
            {
                i++;
                continue;
            }

            if (ContinuesAlphanumericGroup(text, i))
            {
                i++;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == ' ' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
                {
                    i++;
                }

                continue;
            }

            if (!TextScan.StartsToken(text, i) && !HasVatPrefix(text, i))
            {
                // Digits glued to letters (a reference like "AB12345678901"): skip the whole alphanumeric run. The
                // first step is unconditional: a '+' glued to a word ("C+7") is no word character itself.
                i++;
                while (i < text.Length && TextScan.IsWordChar(text[i]))
                {
                    i++;
                }

                continue;
            }

            var chunkStart = i;
            var p = plus ? i + 1 : i;
            var groups = 0;
            while (groups < MaxGroups)
            {
                var s = p;
                while (p < text.Length && char.IsAsciiDigit(text[p]))
                {
                    p++;
                }

                starts[groups] = s;
                ends[groups] = p;
                groups++;
                var q = p;
                var separators = 0;
                while (q < text.Length && separators < 3 && IsSeparator(text[q]))
                {
                    q++;
                    separators++;
                }

                if (separators == 0 || q >= text.Length || !char.IsAsciiDigit(text[q]))
                {
                    break;
                }

                p = q;
            }

            ProcessChunk(text, chunkStart, plus, starts[..groups], ends[..groups], results);
            i = Math.Max(p, i + 1);
        }
    }

    /// <summary>
    /// Whether the digits at <paramref name="i"/> continue a group such as "DE47 3177 …" (an IBAN with a bad check
    /// or of an unknown country): they belong to that identifier and are not numbers of their own.
    /// </summary>
    private static bool ContinuesAlphanumericGroup(ReadOnlySpan<char> text, int i)
    {
        if (i < 5 || text[i - 1] != ' ')
        {
            return false;
        }

        var head = text[(i - 5)..(i - 1)];
        return char.IsAsciiLetterUpper(head[0]) && char.IsAsciiLetterUpper(head[1]) && char.IsAsciiDigit(head[2]) && char.IsAsciiDigit(head[3])
            && (i - 5 == 0 || !TextScan.IsWordChar(text[i - 6]));
    }

    private static bool IsSeparator(char c) => c is ' ' or '.' or '-' or '/' or '(' or ')' or '\u00A0' or '\u202F';

    private static bool HasVatPrefix(ReadOnlySpan<char> text, int digitIndex)
    {
        // "BE0123456749", "BE 0123.456.749", "BE-0123…": the prefix is upper-case and itself starts a token.
        var j = digitIndex;
        if (j > 0 && text[j - 1] is ' ' or '-' or '\u00A0')
        {
            j--;
        }

        return j >= 2 && text[j - 2] == 'B' && text[j - 1] == 'E' && TextScan.StartsToken(text, j - 2);
    }

    private static int VatPrefixStart(ReadOnlySpan<char> text, int digitIndex)
    {
        var j = digitIndex;
        if (j > 0 && text[j - 1] is ' ' or '-' or '\u00A0')
        {
            j--;
        }

        return j - 2;
    }

    private static void ProcessChunk(ReadOnlySpan<char> text, int chunkStart, bool plus, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, IList<PiiEntity> results)
    {
        Span<char> digits = stackalloc char[MaxDigits];
        Span<int> phoneWindows = stackalloc int[MaxGroups];
        Span<uint> phoneBoundaries = stackalloc uint[MaxGroups];
        var s = 0;
        while (s < starts.Length)
        {
            if (s > 0 && !SeparatorHasSpace(text, ends[s - 1], starts[s]))
            {
                s++;
                continue;
            }

            var leadingPlus = plus && s == 0;
            var count = 0;
            var boundaries = 0u;
            var phoneOnly = false;
            PiiEntity? best = null;
            var bestEnd = -1;
            PiiEntity? bestPhone = null;
            var bestPhoneEnd = -1;
            var phoneCount = 0;
            var windowStart = leadingPlus ? chunkStart : starts[s];
            for (var e = s; e < starts.Length; e++)
            {
                var group = text[starts[e]..ends[e]];
                if (count + group.Length > MaxDigits)
                {
                    break;
                }

                if (e > s)
                {
                    boundaries |= 1u << count;
                    phoneOnly |= SeparatorIsPhoneOnly(text, ends[e - 1], starts[e]);
                }

                group.CopyTo(digits[count..]);
                count += group.Length;
                var end = ends[e];
                var canEnd = e == starts.Length - 1 ? TextScan.EndsToken(text, end) : SeparatorHasSpace(text, end, starts[e + 1]);
                if (!canEnd)
                {
                    continue;
                }

                var start = leadingPlus ? chunkStart : starts[s];
                var candidate = leadingPlus || phoneOnly ? null : Checksummed(text, start, end, digits[..count], boundaries);
                if (candidate is not null)
                {
                    best = candidate;
                    bestEnd = e;
                }

                if ((leadingPlus || digits[0] == '0') && count is >= 8 and <= 15 && PlausiblePhoneLength(leadingPlus, digits[..count]))
                {
                    phoneWindows[phoneCount] = e;
                    phoneBoundaries[phoneCount++] = boundaries;
                }
            }

            // The longest window that is a phone number wins: try them longest first, so libphonenumber (the costly
            // part of this scanner) parses as few candidates as possible.
            for (var w = phoneCount - 1; w >= 0; w--)
            {
                var e = phoneWindows[w];
                var end = ends[e];
                var phoneScore = PhoneScore(text, windowStart, end, e - s + 1, phoneBoundaries[w], wholeChunk: s == 0 && e == starts.Length - 1);
                if (phoneScore > 0)
                {
                    var phoneStart = windowStart > 0 && text[windowStart - 1] == '(' && text[windowStart..end].Contains(')') ? windowStart - 1 : windowStart;
                    bestPhone = new PiiEntity(phoneStart, end, PiiEntityType.Phone, phoneScore);
                    bestPhoneEnd = e;
                    break;
                }
            }

            var chosen = Choose(text, best, bestPhone);
            if (chosen is { } entity)
            {
                results.Add(entity);
                s = (entity.Type == PiiEntityType.Phone ? bestPhoneEnd : bestEnd) + 1;
            }
            else
            {
                s++;
            }
        }
    }

    /// <summary>
    /// Digit counts a phone number can have before asking libphonenumber: written nationally with the trunk prefix 0,
    /// a Belgian number has 9 or 10 digits (national significant numbers of 8 or 9 digits, ITU-T E.164 national
    /// numbering plan of Belgium — the possible lengths of libphonenumber's BE metadata); international forms
    /// (<c>+</c>, <c>00</c>) are left to libphonenumber.
    /// </summary>
    private static bool PlausiblePhoneLength(bool leadingPlus, ReadOnlySpan<char> digits) =>
        leadingPlus || (digits.Length > 1 && digits[1] == '0') || digits.Length is 9 or 10;

    private static PiiEntity? Choose(ReadOnlySpan<char> text, PiiEntity? checksummed, PiiEntity? phone)
    {
        if (checksummed is not { } id)
        {
            return phone;
        }

        if (phone is not { } tel || tel.End < id.End)
        {
            return id;
        }

        if (id.Type != PiiEntityType.EnterpriseNumber || text[id.Start] == 'B')
        {
            return tel.End > id.End ? tel : id;
        }

        // Ten digits that are both a valid phone number and a valid KBO number: the words around decide, then the
        // form (mobile numbers start with 04, KBO numbers are written 0123.456.789).
        var kboContext = TextScan.HasWordBefore(text, id.Start, 48, EnterpriseWords);
        var phoneContext = TextScan.HasWordBefore(text, id.Start, 32, PhoneWords);
        if (kboContext != phoneContext)
        {
            return kboContext ? id : tel;
        }

        var form = text[id.Start..id.End];
        return form.Contains('.') || !form.StartsWith("04", StringComparison.Ordinal) ? id : tel;
    }

    private static bool TrailingShortGroup(ReadOnlySpan<char> text, int end)
    {
        var rest = text[end..];
        if (rest.Length < 2 || rest[0] != ' ' || !char.IsAsciiDigit(rest[1]))
        {
            return false;
        }

        var digits = 0;
        while (digits + 1 < rest.Length && char.IsAsciiDigit(rest[digits + 1]))
        {
            digits++;
        }

        return digits <= 2;
    }

    /// <summary>dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy and dd/mm/yy: dates, even when libphonenumber could dial them.</summary>
    private static bool LooksLikeDate(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length is not (8 or 10) || candidate[2] is not ('/' or '.' or '-') || candidate[5] != candidate[2])
        {
            return false;
        }

        var day = ((candidate[0] - '0') * 10) + (candidate[1] - '0');
        var month = ((candidate[3] - '0') * 10) + (candidate[4] - '0');
        return day is >= 1 and <= 31 && month is >= 1 and <= 12;
    }

    private static bool SeparatorHasSpace(ReadOnlySpan<char> text, int from, int to)
    {
        foreach (var c in text[from..to])
        {
            if (c is ' ' or '\u00A0' or '\u202F')
            {
                return true;
            }
        }

        return false;
    }

    private static bool SeparatorIsPhoneOnly(ReadOnlySpan<char> text, int from, int to) => text[from..to].ContainsAny("/()");

    private static bool BoundariesWithin(uint boundaries, uint allowed) => (boundaries & ~allowed) == 0;

    private static uint Bits(params ReadOnlySpan<int> positions)
    {
        var bits = 0u;
        foreach (var p in positions)
        {
            bits |= 1u << p;
        }

        return bits;
    }

    private static readonly uint NissBoundaries = Bits(2, 4, 6, 9);
    private static readonly uint KboBoundaries = Bits(4, 7);
    private static readonly uint ShortKboBoundaries = Bits(3, 6);
    private static readonly uint EidBoundaries = Bits(3, 10);
    private static readonly uint CardBoundariesBy4 = Bits(4, 8, 12, 16);
    private static readonly uint CardBoundaries465 = Bits(4, 10);

    private static PiiEntity? Checksummed(ReadOnlySpan<char> text, int start, int end, ReadOnlySpan<char> digits, uint boundaries)
    {
        if (IsMoney(text, start, end))
        {
            return null;
        }

        switch (digits.Length)
        {
            case 9 when HasVatPrefix(text, start) && BoundariesWithin(boundaries, ShortKboBoundaries):
                Span<char> padded = stackalloc char[10];
                padded[0] = '0';
                digits.CopyTo(padded[1..]);
                return EnterpriseNumberChecksum.IsValid(padded)
                    ? new PiiEntity(VatPrefixStart(text, start), end, PiiEntityType.EnterpriseNumber, 0.95)
                    : null;
            case 10 when BoundariesWithin(boundaries, KboBoundaries) && EnterpriseNumberChecksum.IsValid(digits):
                var kboStart = HasVatPrefix(text, start) ? VatPrefixStart(text, start) : start;
                return new PiiEntity(kboStart, end, PiiEntityType.EnterpriseNumber, 0.95);
            case 11 when BoundariesWithin(boundaries, NissBoundaries) && NationalNumberChecksum.IsValid(digits):
                return new PiiEntity(start, end, PiiEntityType.NationalNumber, 0.99);
            case 12 when BoundariesWithin(boundaries, EidBoundaries) && EidCardNumberChecksum.IsValid(digits):
                return new PiiEntity(start, end, PiiEntityType.EidCardNumber, 0.95);
            case >= 13 and <= 19 when digits[0] is >= '2' and <= '6'
                && (BoundariesWithin(boundaries, CardBoundariesBy4) || boundaries == CardBoundaries465)
                && LuhnChecksum.IsValid(digits):
                return new PiiEntity(start, end, PiiEntityType.PaymentCard, 0.95);
            default:
                return null;
        }
    }

    private static bool IsMoney(ReadOnlySpan<char> text, int start, int end)
    {
        var before = text[..start].TrimEnd();
        if (before.Length > 0 && before[^1] is '€' or '$' or '£')
        {
            return true;
        }

        var after = text[end..].TrimStart();
        return after.StartsWith("€", StringComparison.Ordinal) || after.StartsWith("EUR", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// 0.9 for a number libphonenumber knows as allocated; 0.6 for one of a possible length written the way phone
    /// numbers are (an international prefix, three or more groups, or a phone word before it) but in a range the
    /// metadata does not list; 0 otherwise. Numbers written like a KBO number (<c>0123.456.789</c>) are not phones.
    /// </summary>
    private static double PhoneScore(ReadOnlySpan<char> text, int start, int end, int groups, uint boundaries, bool wholeChunk)
    {
        var candidate = text[start..end];
        if (LooksLikeDate(candidate))
        {
            return 0;
        }

        PhoneNumber number;
        try
        {
            number = Phones.Parse(candidate.ToString(), "BE");
        }
        catch (NumberParseException)
        {
            return 0;
        }

        // The dotted 4.3.3 grouping (0451.234.596) is how enterprise numbers are written; phone numbers are not, so
        // such a number whose checksum fails is a mistyped enterprise number unless a phone word says otherwise.
        if (boundaries == KboBoundaries && candidate.Contains('.') && !TextScan.HasWordBefore(text, start, 32, PhoneWords))
        {
            return 0;
        }

        if (Phones.IsValidNumber(number))
        {
            // A valid number followed by a short group ("054523 839 85") is the head of a longer number.
            return wholeChunk || !TrailingShortGroup(text, end) ? 0.9 : 0;
        }

        // Only whole chunks qualify on length alone; a prefix of a longer digit run is part of something else.
        var kboLike = boundaries == KboBoundaries || !wholeChunk;
        var phoneLike = candidate[0] == '+' || groups >= 3 || TextScan.HasWordBefore(text, start, 32, PhoneWords);
        return !kboLike && phoneLike && Phones.IsPossibleNumber(number) ? 0.6 : 0;
    }
}
