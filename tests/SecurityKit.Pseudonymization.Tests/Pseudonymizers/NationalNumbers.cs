using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Tests.Pseudonymizers;

/// <summary>Test data: valid national numbers from arbitrary integers, and the independent "issuable" rule.</summary>
internal static class NationalNumbers
{
    public static readonly byte[] Key = Convert.FromHexString("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");

    /// <summary>A valid number (register or BIS, either century, any day 0–31) picked by two arbitrary integers.</summary>
    public static NationalRegisterNumber From(uint a, uint b)
    {
        var months = new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52 };
        return NationalRegisterNumber.Create((int)(a % 100), months[(int)(a / 100 % 39)], (int)(a / 3900 % 32), (int)(b % 997) + 1, from2000: (b / 997 % 2) == 1);
    }

    /// <summary>Valid numbers in canonical form from a seeded generator.</summary>
    public static IEnumerable<string> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return From((uint)random.Next(), (uint)random.Next()).ToString();
        }
    }

    /// <summary>Whether the register or BIS could issue these 11 digits (the acceptance check's rule, restated).</summary>
    public static bool Issuable(string digits)
    {
        var month = int.Parse(digits.AsSpan(2, 2), provider: null);
        var day = int.Parse(digits.AsSpan(4, 2), provider: null);
        var sequence = int.Parse(digits.AsSpan(6, 3), provider: null);
        return NationalRegisterNumber.IsIssuableMonth(month) && day <= 31 && sequence is >= 1 and <= 997 && ChecksumValid(digits);
    }

    public static bool ChecksumValid(string digits)
    {
        var body = ulong.Parse(digits.AsSpan(0, 9), provider: null);
        var check = ulong.Parse(digits.AsSpan(9, 2), provider: null);
        return check == 97 - (body % 97) || check == 97 - ((2_000_000_000 + body) % 97);
    }
}
