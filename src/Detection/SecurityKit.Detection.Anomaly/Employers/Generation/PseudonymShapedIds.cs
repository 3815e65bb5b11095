namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>
/// Identifiers for synthetic data that have the shape of real ones and never collide: KBO/BCE enterprise numbers (10
/// digits, modulo-97 check digits) and national-register-shaped person ids (11 digits: birth date, serial, modulo-97
/// check digits, with the 2-prefix rule for births from 2000). Both come from an affine bijection over the number
/// space, so ids are unique for distinct indices and look scattered. Written by hand because these are not real
/// numbers to pseudonymise but shapes to fill a synthetic data set with.
/// </summary>
internal sealed class PseudonymShapedIds
{
    // Enterprise numbers: the first 8 digits N range over 02000000..19999999 (first digit 0 or 1), check = 97 − N mod 97.
    private const long EnterpriseBase = 2_000_000;
    private const long EnterpriseSpace = 18_000_000;

    // Person ids: birth dates from 1945-01-01 over 22,000 days, serials 001..997.
    private const long Serials = 997;
    private const long Days = 22_000;
    private static readonly DateOnly FirstBirth = new(1945, 1, 1);

    private readonly long _enterpriseMultiplier;
    private readonly long _enterpriseOffset;
    private readonly long _personMultiplier;
    private readonly long _personOffset;

    public PseudonymShapedIds(int seed)
    {
        var random = new Random(seed ^ 0x5EED);
        _enterpriseMultiplier = Coprime(random, EnterpriseSpace);
        _enterpriseOffset = random.NextInt64(EnterpriseSpace);
        _personMultiplier = Coprime(random, Serials * Days);
        _personOffset = random.NextInt64(Serials * Days);
    }

    public string Enterprise(long index)
    {
        var n = EnterpriseBase + Map(index, _enterpriseMultiplier, _enterpriseOffset, EnterpriseSpace);
        var check = 97 - (n % 97);
        return string.Concat(n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), check.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
    }

    public string Person(long index)
    {
        var j = Map(index, _personMultiplier, _personOffset, Serials * Days);
        var birth = FirstBirth.AddDays((int)(j / Serials));
        var serial = (j % Serials) + 1;
        var first9 = ((birth.Year % 100) * 10_000_000L) + (birth.Month * 100_000L) + (birth.Day * 1_000L) + serial;
        var checkBase = birth.Year >= 2000 ? 2_000_000_000L + first9 : first9;
        var check = 97 - (checkBase % 97);
        return string.Concat(first9.ToString("D9", System.Globalization.CultureInfo.InvariantCulture), check.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static long Map(long index, long multiplier, long offset, long space)
    {
        if (index < 0 || index >= space)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "more identifiers requested than the id space holds");
        }

        return (long)(((Int128)index * multiplier + offset) % space);
    }

    private static long Coprime(Random random, long space)
    {
        while (true)
        {
            var candidate = random.NextInt64(space / 3, space - 1);
            if (Gcd(candidate, space) == 1)
            {
                return candidate;
            }
        }
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
