using System.Collections.Frozen;

namespace SecurityKit.Pseudonymization.Identifiers;

/// <summary>
/// IBAN lengths per country from the ISO 13616 / SWIFT IBAN registry, and the length of the bank identifier at the
/// start of the BBAN for the countries where <see cref="Pseudonymizers.IbanPseudonymizer"/> can keep it.
/// Countries missing here are accepted with any length from 15 to 34 (the check digits still apply).
/// </summary>
internal static class IbanCountry
{
    private static readonly FrozenDictionary<int, int> Lengths = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22,
        ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20,
        ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24,
        ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18, ["NO"] = 15, ["PK"] = 24,
        ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24, ["SC"] = 31,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    }.ToFrozenDictionary(p => Key(p.Key[0], p.Key[1]), p => p.Value);

    private static readonly FrozenDictionary<int, int> BankCodeLengths = new Dictionary<string, int>
    {
        ["BE"] = 3, ["NL"] = 4, ["DE"] = 8, ["LU"] = 3, ["FR"] = 5, ["ES"] = 4, ["AT"] = 5, ["CH"] = 5, ["GB"] = 4,
    }.ToFrozenDictionary(p => Key(p.Key[0], p.Key[1]), p => p.Value);

    public static int Key(int first, int second) => (first << 8) | second;

    /// <summary>The registered IBAN length, or 0 when the country is not in the table.</summary>
    public static int LengthOf(int first, int second) => Lengths.TryGetValue(Key(first, second), out var length) ? length : 0;

    /// <summary>The bank identifier's length at the start of the BBAN, or 0 when unknown.</summary>
    public static int BankCodeLengthOf(int first, int second) => BankCodeLengths.TryGetValue(Key(first, second), out var length) ? length : 0;
}
