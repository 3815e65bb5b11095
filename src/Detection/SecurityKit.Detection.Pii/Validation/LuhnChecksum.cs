namespace SecurityKit.Detection.Pii.Validation;

/// <summary>The Luhn mod-10 check of ISO/IEC 7812-1 Annex B, used by payment card numbers.</summary>
public static class LuhnChecksum
{
    /// <summary>Whether a string of ASCII digits passes the Luhn check.</summary>
    /// <param name="digits">The digits, check digit last.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 2 || !Digits.AllDigits(digits))
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
