namespace SecurityKit.Detection.Pii.Validation;

/// <summary>
/// Belgian electronic identity card number: 12 digits written <c>SSS-SSSSSSS-CC</c>, where <c>CC</c> is the first
/// ten digits mod 97, 97 when the remainder is 0.
/// </summary>
public static class EidCardNumberChecksum
{
    /// <summary>Whether 12 ASCII digits form a valid card number.</summary>
    /// <param name="digits">Exactly 12 digits.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 12 || !Digits.AllDigits(digits))
        {
            return false;
        }

        var remainder = Digits.Parse(digits[..10]) % 97;
        return Digits.Parse(digits[10..]) == (remainder == 0 ? 97 : remainder);
    }
}
