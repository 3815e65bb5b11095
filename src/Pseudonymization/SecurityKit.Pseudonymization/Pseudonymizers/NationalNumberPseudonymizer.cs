using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using SecurityKit.Pseudonymization.Fpe;
using SecurityKit.Pseudonymization.Identifiers;
using SecurityKit.Pseudonymization.Keys;

namespace SecurityKit.Pseudonymization.Pseudonymizers;

/// <summary>
/// Format-preserving pseudonyms for Belgian national numbers (register and BIS, both centuries), deterministic under
/// (key, domain) and reversible by the key holder. See docs/pseudonymization.md for the construction.
/// </summary>
/// <remarks>
/// <para>Rank: a valid number is the tuple (century c, year yy, month index μ, day d, sequence s) with μ ∈ 0..38
/// numbering the 39 issuable month fields 00–12, 20–32, 40–52, d ∈ 0..31, s ∈ 1..997 and c given by the check digits.
/// Kept attributes (birth year; parity of s) select a class; the other fields are ranked by mixed radix into
/// 0 .. N−1 (N = 200·39·32·997 = 248,851,200 with nothing kept).</para>
/// <para>Permute: FF1 (per-domain AES-256 key, tweak = class) on two numerals of radix ⌈√N⌉, cycle-walking until the
/// result is below N — a bijection of 0 .. N−1.</para>
/// <para>Unrank: disjoint mode writes μ as month field 60 + μ (60–98, never issued) and recomputes check digits for
/// century c; valid mode writes the issuable month field back and walks until the calendar validity of the date is
/// the same as the input's, so that real dates map to real dates.</para>
/// </remarks>
public sealed class NationalNumberPseudonymizer : IdentifierPseudonymizer
{
    /// <summary>The first month field of disjoint pseudonyms (60–98).</summary>
    public const int PseudonymMonthBase = 60;

    private const int Months = 39;
    private const int Days = 32;
    private const int Years = 200;

    private readonly NationalNumberPseudonymOptions options;
    private readonly Ff1[] ciphers;
    private readonly IntegerPermutation[] permutations;
    private readonly ulong[] sizeByParity = new ulong[2];
    private readonly bool valid;

    /// <summary>Creates the pseudonymiser of one domain.</summary>
    /// <param name="masterKey">The key-ring key (its bytes are not kept; a per-domain key is derived).</param>
    /// <param name="domain">The domain name (project, data recipient); different domains give unlinkable pseudonyms.</param>
    /// <param name="options">Mode and kept attributes; <see langword="null"/> for disjoint, nothing kept.</param>
    public NationalNumberPseudonymizer(ReadOnlySpan<byte> masterKey, string domain, NationalNumberPseudonymOptions? options = null)
        : this(DomainKey.Derive(masterKey, "national-number", (options ?? new()).Construction, domain), options ?? new())
    {
    }

    /// <summary>Creates the pseudonymiser of one domain with a master key from any source (e.g. a PKCS#11 token).</summary>
    /// <param name="masterKey">The master key (a per-domain key is derived).</param>
    /// <param name="domain">The domain.</param>
    /// <param name="options">Mode and kept attributes; <see langword="null"/> for disjoint, nothing kept.</param>
    public NationalNumberPseudonymizer(IDomainKeySource masterKey, string domain, NationalNumberPseudonymOptions? options = null)
        : this(DomainKey.Derive(masterKey, "national-number", (options ?? new()).Construction, domain), options ?? new())
    {
    }

    private NationalNumberPseudonymizer(byte[] key, NationalNumberPseudonymOptions options)
    {
        this.options = options;
        valid = this.options.Mode == NationalNumberPseudonymMode.Valid;
        try
        {
            var years = this.options.KeepBirthYear ? 1UL : Years;
            for (var parity = 0; parity < 2; parity++)
            {
                sizeByParity[parity] = years * Months * Days * SequenceCount(parity);
            }

            var radixes = sizeByParity.Select(IntegerPermutation.RadixFor).Distinct().ToArray();
            ciphers = radixes.Select(r => new Ff1(key, r)).ToArray();
            var classes = (this.options.KeepBirthYear ? Years : 1) * (this.options.KeepGenderParity ? 2 : 1);
            permutations = new IntegerPermutation[classes];
            Span<byte> tweak = stackalloc byte[2];
            for (var cls = 0; cls < classes; cls++)
            {
                var parity = this.options.KeepGenderParity ? cls & 1 : 0;
                var radix = IntegerPermutation.RadixFor(sizeByParity[parity]);
                tweak[0] = (byte)(cls >> 8);
                tweak[1] = (byte)cls;
                permutations[cls] = new IntegerPermutation(ciphers.First(c => c.Radix == radix), tweak);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <inheritdoc/>
    public override string IdentifierKind => NationalRegisterNumber.KindName;

    /// <inheritdoc/>
    public override int MaxLength => 11;

    /// <summary>The options in force.</summary>
    public NationalNumberPseudonymOptions Options => options;

    /// <summary>Pseudonymises a parsed number; returns the pseudonym's 11 digits as an integer.</summary>
    /// <param name="number">A valid national number.</param>
    /// <returns>The pseudonym's digits.</returns>
    public ulong Pseudonymize(NationalRegisterNumber number) => Map(number.Value, number.BornFrom2000, forward: true);

    /// <summary>Whether 11 digits are in the pseudonym space of disjoint mode (month field 60–98, day ≤ 31, sequence 1–997, valid check digits).</summary>
    /// <param name="digits">The 11 digits as an integer.</param>
    /// <returns>Whether it has the shape of a disjoint pseudonym.</returns>
    public static bool IsDisjointPseudonym(ulong digits) => ReadPseudonym(digits, out _, out _).Rule == IdentifierRule.None;

    /// <inheritdoc/>
    public override IdentifierError Pseudonymize(ReadOnlySpan<char> text, Span<char> destination, out int written) => PseudonymizeCore(text, destination, out written);

    /// <inheritdoc/>
    public override IdentifierError Pseudonymize(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written) => PseudonymizeCore(utf8, destination, out written);

    /// <inheritdoc/>
    public override IdentifierError Reverse(ReadOnlySpan<char> pseudonym, Span<char> destination, out int written) => ReverseCore(pseudonym, destination, out written);

    /// <inheritdoc/>
    public override IdentifierError Reverse(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written) => ReverseCore(utf8, destination, out written);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IdentifierError PseudonymizeCore<T>(ReadOnlySpan<T> text, Span<T> destination, out int written)
        where T : unmanaged, IBinaryInteger<T>
    {
        written = 0;
        var error = NationalRegisterNumber.ValidateCore(text, out var number);
        if (error.Rule != IdentifierRule.None)
        {
            return error;
        }

        NationalRegisterNumber.WriteDigits(destination[..11], Map(number.Value, number.BornFrom2000, forward: true));
        written = 11;
        return default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IdentifierError ReverseCore<T>(ReadOnlySpan<T> text, Span<T> destination, out int written)
        where T : unmanaged, IBinaryInteger<T>
    {
        written = 0;
        var error = DigitReader.Read(text, 11, 0, out var digits);
        if (error.Rule != IdentifierRule.None)
        {
            return error;
        }

        bool from2000;
        if (valid)
        {
            var check = NationalRegisterNumber.Check(digits);
            if (check.Rule != IdentifierRule.None)
            {
                return new IdentifierError(check.Rule, DigitReader.PositionOfDigit(text, check.Position, 0));
            }

            from2000 = NationalRegisterNumber.FromValidDigits(digits).BornFrom2000;
        }
        else
        {
            var check = ReadPseudonym(digits, out from2000, out var digitIndex);
            if (check.Rule != IdentifierRule.None)
            {
                return new IdentifierError(check.Rule, DigitReader.PositionOfDigit(text, digitIndex, 0));
            }
        }

        NationalRegisterNumber.WriteDigits(destination[..11], Map(digits, from2000, forward: false));
        written = 11;
        return default;
    }

    /// <summary>The disjoint pseudonym space: month 60–98, day ≤ 31, sequence 1–997, check digits of one century.</summary>
    private static IdentifierError ReadPseudonym(ulong digits, out bool from2000, out int digitIndex)
    {
        var body = digits / 100;
        var check = digits % 100;
        from2000 = check == NationalRegisterNumber.CheckFor(body, true);
        var month = (int)(body / 100_000 % 100);
        var sequence = body % 1000;
        (digitIndex, var rule) = month is < PseudonymMonthBase or >= PseudonymMonthBase + Months ? (2, IdentifierRule.NotAPseudonym)
            : body / 1000 % 100 > 31 ? (4, IdentifierRule.NotAPseudonym)
            : sequence is 0 or > 997 ? (6, IdentifierRule.NotAPseudonym)
            : !from2000 && check != NationalRegisterNumber.CheckFor(body, false) ? (9, IdentifierRule.CheckDigits)
            : (0, IdentifierRule.None);
        return new IdentifierError(rule, digitIndex);
    }

    /// <summary>Rank → cycle-walking FF1 → unrank (see the class remarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Map(ulong digits, bool from2000, bool forward)
    {
        var body = digits / 100;
        var year = (int)(body / 10_000_000) + (from2000 ? 100 : 0);
        var monthField = (int)(body / 100_000 % 100);
        var month = forward || valid ? IssuableMonthIndex(monthField) : monthField - PseudonymMonthBase;
        var day = (int)(body / 1000 % 100);
        var sequence = (int)(body % 1000);
        var parity = options.KeepGenderParity ? sequence & 1 : 0;
        var sequenceCount = SequenceCount(parity);
        var sequenceIndex = options.KeepGenderParity ? (parity == 1 ? (sequence - 1) / 2 : (sequence / 2) - 1) : sequence - 1;
        var cls = ((options.KeepBirthYear ? year : 0) * (options.KeepGenderParity ? 2 : 1)) + parity;

        var rank = options.KeepBirthYear ? 0UL : (ulong)year;
        rank = (((((rank * Months) + (ulong)month) * Days) + (ulong)day) * sequenceCount) + (ulong)sequenceIndex;

        var size = sizeByParity[parity];
        var permutation = permutations[cls];
        var calendar = valid && IsCalendarDate(year, month, day);
        do
        {
            rank = forward ? permutation.Forward(rank) : permutation.Backward(rank);
        }
        while (rank >= size || (valid && IsCalendarDate(options.KeepBirthYear ? year : (int)(rank / ((ulong)Months * Days * sequenceCount)), (int)(rank / ((ulong)Days * sequenceCount) % Months), (int)(rank / sequenceCount % Days)) != calendar));

        sequenceIndex = (int)(rank % sequenceCount);
        rank /= sequenceCount;
        day = (int)(rank % Days);
        rank /= Days;
        month = (int)(rank % Months);
        rank /= Months;
        if (!options.KeepBirthYear)
        {
            year = (int)rank;
        }

        sequence = options.KeepGenderParity ? (parity == 1 ? (2 * sequenceIndex) + 1 : 2 * (sequenceIndex + 1)) : sequenceIndex + 1;
        monthField = forward && !valid ? PseudonymMonthBase + month : IssuableMonthField(month);
        var outBody = (ulong)((((((year % 100) * 100) + monthField) * 100) + day) * 1000) + (ulong)sequence;
        return (outBody * 100) + NationalRegisterNumber.CheckFor(outBody, year >= 100);
    }

    private ulong SequenceCount(int parity) => options.KeepGenderParity ? (parity == 1 ? 499UL : 498UL) : 997UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IssuableMonthIndex(int monthField) => monthField <= 12 ? monthField : monthField <= 32 ? monthField - 7 : monthField - 14;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IssuableMonthField(int index) => index <= 12 ? index : index <= 25 ? index + 7 : index + 14;

    /// <summary>Whether (year index 0–199, month index, day) is a real calendar date.</summary>
    private static bool IsCalendarDate(int year, int monthIndex, int day)
    {
        var month = IssuableMonthField(monthIndex) % 20;
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(1900 + year, month);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var cipher in ciphers)
            {
                cipher.Dispose();
            }
        }
    }
}
