namespace SecurityKit.Detection.Pii.Validation;

/// <summary>
/// Belgian KBO/BCE enterprise (and establishment-free VAT) number: 10 digits starting with 0 or 1, the last two
/// being <c>97 − (first eight mod 97)</c> (Crossroads Bank for Enterprises, Royal Decree of 22 June 2003).
/// </summary>
public static class EnterpriseNumberChecksum
{
    /// <summary>Whether 10 ASCII digits form a valid enterprise number.</summary>
    /// <param name="digits">Exactly 10 digits.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 10 || !Digits.AllDigits(digits) || (digits[0] != '0' && digits[0] != '1'))
        {
            return false;
        }

        var body = Digits.Parse(digits[..8]);
        return Digits.Parse(digits[8..]) == 97 - (body % 97);
    }
}
