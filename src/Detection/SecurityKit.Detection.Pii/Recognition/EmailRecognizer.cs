namespace SecurityKit.Detection.Pii.Recognition;

/// <summary>
/// E-mail addresses (RFC 5322 dot-atom local part, a domain of at least two labels with an alphabetic top-level
/// label). A scanner anchored on <c>@</c>, so text without one costs a single vectorised search.
/// </summary>
public sealed class EmailRecognizer : IPiiRecognizer
{
    /// <inheritdoc />
    public string Name => "email";

    /// <inheritdoc />
    public void Recognize(ReadOnlySpan<char> text, IList<PiiEntity> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf('@');
            if (at < 0)
            {
                return;
            }

            at += from;
            from = at + 1;
            var start = at;
            while (start > 0 && IsLocalChar(text[start - 1]) && at - start < 64)
            {
                start--;
            }

            while (start < at && text[start] == '.')
            {
                start++;
            }

            if (start == at || text[at - 1] == '.')
            {
                continue;
            }

            var end = at + 1;
            var lastDot = -1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '-' || (text[end] == '.' && end + 1 < text.Length && char.IsLetterOrDigit(text[end + 1]))))
            {
                if (text[end] == '.')
                {
                    lastDot = end;
                }

                end++;
            }

            if (lastDot < 0 || end - lastDot - 1 < 2 || !IsAlphabetic(text[(lastDot + 1)..end]) || text[at + 1] == '.')
            {
                continue;
            }

            results.Add(new PiiEntity(start, end, PiiEntityType.Email, 0.99));
            from = end;
        }
    }

    private static bool IsLocalChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsAlphabetic(ReadOnlySpan<char> label)
    {
        foreach (var c in label)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
