using System.Numerics;
using System.Runtime.CompilerServices;

namespace SecurityKit.Pseudonymization.Identifiers;

/// <summary>
/// Reads the digits of a number written with the usual separators (space, '.', '-', '/'), from UTF-16 or UTF-8 text,
/// without allocating. Leading and trailing white space is ignored.
/// </summary>
internal static class DigitReader
{
    /// <summary>Reads exactly <paramref name="count"/> digits into <paramref name="value"/>, or returns the error.</summary>
    /// <param name="text">The text.</param>
    /// <param name="count">How many digits the identifier has.</param>
    /// <param name="offset">Added to reported positions (characters consumed before <paramref name="text"/>).</param>
    /// <param name="value">The digits as an integer.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IdentifierError Read<T>(ReadOnlySpan<T> text, int count, int offset, out ulong value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        var digits = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = int.CreateTruncating(text[i]);
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                if (digits == count)
                {
                    return new IdentifierError(IdentifierRule.Length, offset + i + 1);
                }

                value = (value * 10) + digit;
                digits++;
            }
            else if (!IsSeparator(c))
            {
                return new IdentifierError(IdentifierRule.Character, offset + i + 1);
            }
        }

        return digits == 0 ? new IdentifierError(IdentifierRule.Empty, 0)
            : digits != count ? new IdentifierError(IdentifierRule.Length, 0)
            : default;
    }

    /// <summary>The 1-based position in <paramref name="text"/> of the digit with 0-based index <paramref name="digitIndex"/>.</summary>
    public static int PositionOfDigit<T>(ReadOnlySpan<T> text, int digitIndex, int offset)
        where T : unmanaged, IBinaryInteger<T>
    {
        var digits = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if ((uint)(int.CreateTruncating(text[i]) - '0') <= 9 && digits++ == digitIndex)
            {
                return offset + i + 1;
            }
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSeparator(int c) => c is ' ' or '.' or '-' or '/' or '\t' or '\r' or '\u00A0';
}
