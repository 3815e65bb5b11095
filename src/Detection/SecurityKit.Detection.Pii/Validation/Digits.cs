namespace SecurityKit.Detection.Pii.Validation;

/// <summary>Small helpers over ASCII digit spans.</summary>
internal static class Digits
{
    public static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>Parses up to 18 ASCII digits (callers have checked them).</summary>
    public static long Parse(ReadOnlySpan<char> digits)
    {
        long value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
