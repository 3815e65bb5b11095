using FsCheck.Xunit;
using SecurityKit.Pseudonymization.Identifiers;
using SecurityKit.Pseudonymization.Pseudonymizers;

namespace SecurityKit.Pseudonymization.Tests.Pseudonymizers;

public sealed class NationalNumberPseudonymizerTests : IDisposable
{
    private readonly NationalNumberPseudonymizer disjoint = new(NationalNumbers.Key, "study-a");

    public void Dispose() => disjoint.Dispose();

    [Property(MaxTest = 2000)]
    public bool Pseudonym_keeps_valid_check_digits(uint a, uint b) =>
        NationalNumbers.ChecksumValid(disjoint.Pseudonymize(NationalNumbers.From(a, b).ToString()));

    [Property(MaxTest = 2000)]
    public bool Disjoint_pseudonym_is_never_an_issuable_number(uint a, uint b) =>
        !NationalNumbers.Issuable(disjoint.Pseudonymize(NationalNumbers.From(a, b).ToString()));

    [Property(MaxTest = 2000)]
    public bool Reverse_gives_the_original_back(uint a, uint b)
    {
        var number = NationalNumbers.From(a, b).ToString();
        return disjoint.Reverse(disjoint.Pseudonymize(number)) == number;
    }

    [Property(MaxTest = 500)]
    public bool Different_numbers_get_different_pseudonyms(uint a, uint b, uint c, uint d)
    {
        var x = NationalNumbers.From(a, b);
        var y = NationalNumbers.From(c, d);
        return x == y || disjoint.Pseudonymize(x.ToString()) != disjoint.Pseudonymize(y.ToString());
    }

    [Fact]
    public void The_mapping_is_a_bijection_onto_disjoint_pseudonyms_on_a_whole_class_of_numbers()
    {
        // Exhaustive over one class of the keep-year + keep-parity construction: every valid number born in 1985
        // with an odd sequence number (39 month fields × 32 days × 499 sequences = 622,752 numbers).
        using var pseudonymizer = new NationalNumberPseudonymizer(NationalNumbers.Key, "exhaustive", new NationalNumberPseudonymOptions { KeepBirthYear = true, KeepGenderParity = true });
        var months = Enumerable.Range(0, 53).Where(NationalRegisterNumber.IsIssuableMonth).ToArray();
        var seen = new HashSet<ulong>();
        foreach (var month in months)
        {
            for (var day = 0; day < 32; day++)
            {
                for (var sequence = 1; sequence <= 997; sequence += 2)
                {
                    var number = NationalRegisterNumber.Create(85, month, day, sequence, from2000: false);
                    var pseudonym = pseudonymizer.Pseudonymize(number);
                    Assert.True(NationalNumberPseudonymizer.IsDisjointPseudonym(pseudonym));
                    Assert.True(seen.Add(pseudonym));
                }
            }
        }

        Assert.Equal(622_752, seen.Count);
    }

    [Fact]
    public void The_same_number_gets_the_same_pseudonym_in_every_written_form()
    {
        Assert.Equal(disjoint.Pseudonymize("85073003328"), disjoint.Pseudonymize("85.07.30-033.28"));
        Assert.Equal(disjoint.Pseudonymize("85073003328"), disjoint.Pseudonymize("850730 033 28"));
    }

    [Fact]
    public void The_same_key_and_domain_give_the_same_pseudonym_in_a_new_instance()
    {
        using var again = new NationalNumberPseudonymizer(NationalNumbers.Key, "study-a");

        Assert.Equal(disjoint.Pseudonymize("85073003328"), again.Pseudonymize("85073003328"));
    }

    [Fact]
    public void Different_domains_give_unlinkable_pseudonyms()
    {
        using var other = new NationalNumberPseudonymizer(NationalNumbers.Key, "study-b");
        var equal = Enumerable.Range(0, 2000).Select(i => NationalNumbers.From((uint)(i * 7919), (uint)(i * 104729)).ToString())
            .Count(n => disjoint.Pseudonymize(n) == other.Pseudonymize(n));

        Assert.True(equal <= 2, $"{equal} equal pseudonyms across domains");
    }

    [Fact]
    public void Reversing_with_the_wrong_domain_does_not_give_the_original()
    {
        using var other = new NationalNumberPseudonymizer(NationalNumbers.Key, "study-b");
        var pseudonym = disjoint.Pseudonymize("85073003328");

        Assert.NotEqual("85073003328", other.Reverse(pseudonym));
    }

    [Fact]
    public void Reversing_with_the_wrong_key_does_not_give_the_original()
    {
        var wrongKey = (byte[])NationalNumbers.Key.Clone();
        wrongKey[0] ^= 1;
        using var other = new NationalNumberPseudonymizer(wrongKey, "study-a");
        var pseudonym = disjoint.Pseudonymize("85073003328");

        Assert.NotEqual("85073003328", other.Reverse(pseudonym));
    }

    [Fact]
    public void A_real_number_is_not_accepted_as_a_pseudonym()
    {
        var error = Assert.Throws<IdentifierException>(() => disjoint.Reverse("85073003328"));

        Assert.Equal(IdentifierRule.NotAPseudonym, error.Error.Rule);
        Assert.Equal(3, error.Error.Position);
    }

    [Property(MaxTest = 1000)]
    public bool Keep_birth_year_keeps_year_and_century(uint a, uint b)
    {
        using var pseudonymizer = new NationalNumberPseudonymizer(NationalNumbers.Key, "stats", new NationalNumberPseudonymOptions { KeepBirthYear = true });
        var number = NationalNumbers.From(a, b);
        var pseudonym = pseudonymizer.Pseudonymize(number.ToString());
        var body = ulong.Parse(pseudonym.AsSpan(0, 9), provider: null);
        var from2000 = ulong.Parse(pseudonym.AsSpan(9, 2), provider: null) == NationalRegisterNumber.CheckFor(body, true);
        return pseudonym[..2] == number.ToString()[..2] && from2000 == number.BornFrom2000 && pseudonymizer.Reverse(pseudonym) == number.ToString();
    }

    [Property(MaxTest = 1000)]
    public bool Keep_gender_parity_keeps_the_parity_of_the_sequence(uint a, uint b)
    {
        using var pseudonymizer = new NationalNumberPseudonymizer(NationalNumbers.Key, "stats", new NationalNumberPseudonymOptions { KeepGenderParity = true });
        var number = NationalNumbers.From(a, b);
        var pseudonym = pseudonymizer.Pseudonymize(number.ToString());
        return (int.Parse(pseudonym.AsSpan(6, 3), provider: null) & 1) == (number.Sequence & 1) && pseudonymizer.Reverse(pseudonym) == number.ToString();
    }

    [Property(MaxTest = 1000)]
    public bool Valid_mode_gives_valid_numbers_with_real_dates_for_real_dates(uint a, uint b)
    {
        using var pseudonymizer = new NationalNumberPseudonymizer(NationalNumbers.Key, "legacy", new NationalNumberPseudonymOptions { Mode = NationalNumberPseudonymMode.Valid });
        var number = NationalNumbers.From(a, b);
        var pseudonym = NationalRegisterNumber.Parse(pseudonymizer.Pseudonymize(number.ToString()));
        return HasCalendarDate(pseudonym) == HasCalendarDate(number) && pseudonymizer.Reverse(pseudonym.ToString()) == number.ToString();
    }

    [Fact]
    public void Pseudonymizing_spans_does_not_allocate()
    {
        Span<byte> output = stackalloc byte[11];
        disjoint.Pseudonymize("85.07.30-033.28"u8, output, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            disjoint.Pseudonymize("85.07.30-033.28"u8, output, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static bool HasCalendarDate(NationalRegisterNumber n) =>
        n.BirthMonth is >= 1 and <= 12 && n.Day >= 1 && n.Day <= DateTime.DaysInMonth(n.BirthYear, n.BirthMonth);
}
