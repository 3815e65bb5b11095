namespace SecurityKit.Pseudonymization.Fpe;

/// <summary>
/// Numeral strings written over the alphabet <c>0-9a-z</c> (SP 800-38G Appendix C: numeral i of radix ≤ 36 is the
/// i-th character of 0123456789abcdefghijklmnopqrstuvwxyz), as in the NIST sample vectors.
/// </summary>
public static class NumeralString
{
    /// <summary>The largest radix a numeral string can be written in.</summary>
    public const int MaxRadix = 36;

    /// <summary>Converts characters to numerals, naming the first character that is not a numeral of the radix.</summary>
    /// <param name="text">The numeral string, e.g. <c>0123456789</c>.</param>
    /// <param name="radix">The radix (2..36).</param>
    /// <param name="numerals">Receives one numeral per character; at least as long as <paramref name="text"/>.</param>
    public static void Parse(ReadOnlySpan<char> text, int radix, Span<ushort> numerals)
    {
        CheckRadix(radix);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var value = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : int.MaxValue;
            if (value >= radix)
            {
                throw new FpeException(FpeError.Numeral, $"character {i + 1} is not a numeral of radix {radix} (0-9a-z)", $"input position {i + 1}");
            }

            numerals[i] = (ushort)value;
        }
    }

    /// <summary>Writes numerals as characters of <c>0-9a-z</c>.</summary>
    /// <param name="numerals">Numerals, each below 36.</param>
    /// <param name="text">Receives one character per numeral.</param>
    public static void Format(ReadOnlySpan<ushort> numerals, Span<char> text)
    {
        for (var i = 0; i < numerals.Length; i++)
        {
            var value = numerals[i];
            text[i] = value < 10 ? (char)('0' + value) : (char)('a' + value - 10);
        }
    }

    internal static void CheckRadix(int radix)
    {
        if (radix is < 2 or > MaxRadix)
        {
            throw new FpeException(FpeError.Radix, $"a numeral string over 0-9a-z has a radix from 2 to 36, not {radix}", "radix");
        }
    }

    /// <summary>SP 800-38G §4.1: every numeral of X is below the radix; names the first one that is not.</summary>
    internal static void CheckBelowRadix(ReadOnlySpan<ushort> numerals, int radix)
    {
        for (var i = 0; i < numerals.Length; i++)
        {
            if (numerals[i] >= radix)
            {
                throw new FpeException(FpeError.Numeral, $"numeral {i + 1} is not below the radix {radix}", $"input position {i + 1}");
            }
        }
    }
}
