using System.Globalization;

namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>Character-class helpers shared by the hand-written scanners.</summary>
internal static class TextScan
{
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>Whether position <paramref name="index"/> starts a token (nothing alphanumeric right before it).</summary>
    public static bool StartsToken(ReadOnlySpan<char> text, int index) => index == 0 || !IsWordChar(text[index - 1]);

    /// <summary>Whether position <paramref name="index"/> ends a token (nothing alphanumeric at it).</summary>
    public static bool EndsToken(ReadOnlySpan<char> text, int index) => index >= text.Length || !IsWordChar(text[index]);

    public static bool IsSpace(char c) => c is ' ' or '\u00A0' or '\u202F' or '\t';

    public static bool IsUpperLetter(char c) => char.IsUpper(c);

    public static bool IsLetter(char c) => char.IsLetter(c);

    /// <summary>
    /// Whether one of <paramref name="words"/> (lower case) occurs as a whole word within <paramref name="window"/>
    /// characters before <paramref name="index"/>.
    /// </summary>
    public static bool HasWordBefore(ReadOnlySpan<char> text, int index, int window, ReadOnlySpan<string> words)
    {
        var from = Math.Max(0, index - window);
        var slice = text[from..index];
        foreach (var word in words)
        {
            var offset = 0;
            while (offset < slice.Length)
            {
                var at = slice[offset..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    break;
                }

                var start = from + offset + at;
                var end = start + word.Length;
                if ((start == 0 || !char.IsLetter(text[start - 1])) && (end >= text.Length || !char.IsLetter(text[end]) || !char.IsLetter(word[^1])))
                {
                    return true;
                }

                offset += at + 1;
            }
        }

        return false;
    }

    public static string Lower(ReadOnlySpan<char> word) => word.ToString().ToLower(CultureInfo.InvariantCulture);
}
