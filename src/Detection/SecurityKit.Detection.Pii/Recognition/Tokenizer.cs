namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>Splits a text into <see cref="Token"/>s in one linear pass.</summary>
internal static class Tokenizer
{
    /// <summary>Tokenises <paramref name="text"/>; the caller disposes the list to return its arrays to the pool.</summary>
    public static TokenList Tokenize(ReadOnlySpan<char> text)
    {
        var tokens = new TokenList(text.Length / 4);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                tokens.Add(new Token(i, i + 1, TokenKind.Newline));
                i++;
            }
            else if (c == ' ' || char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c))
            {
                var s = i;
                i++;
                while (i < text.Length)
                {
                    if (char.IsLetter(text[i]) || IsNonSpacingMark(text[i]))
                    {
                        i++;
                    }
                    else if (text[i] is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                    {
                        i += 2;
                    }
                    else
                    {
                        break;
                    }
                }

                tokens.Add(new Token(s, i, TokenKind.Word));
            }
            else if (char.IsAsciiDigit(c))
            {
                var s = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i < text.Length && char.IsAsciiLetter(text[i]) && (i + 1 >= text.Length || !char.IsLetter(text[i + 1])))
                {
                    i++;
                }

                tokens.Add(new Token(s, i, TokenKind.Number));
            }
            else
            {
                // Keep surrogate pairs whole so that no span ever splits one.
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                tokens.Add(new Token(i, i + length, TokenKind.Punct));
                i += length;
            }
        }

        return tokens;
    }

    private static bool IsNonSpacingMark(char c) => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark;
}
