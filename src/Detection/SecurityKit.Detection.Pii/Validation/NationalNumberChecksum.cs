namespace SecurityKit.Detection.Pii.Validation;

/// <summary>
/// Belgian national register number (NISS/INSZ) and BIS number: 11 digits <c>YYMMDD SSS CC</c> where
/// <c>CC = 97 − (YYMMDDSSS mod 97)</c>, or, for people born in 2000 or later, <c>97 − (2YYMMDDSSS mod 97)</c>
/// (Royal Decree of 8 February 1991 and the register's published rule for the 2000+ births). BIS numbers add 20
/// (gender unknown) or 40 (gender known) to the month. Implemented here because detection must validate spans of
/// text without allocating; SecurityKit.Pseudonymization holds the identifier type itself.
/// </summary>
public static class NationalNumberChecksum
{
    /// <summary>Whether 11 ASCII digits form a checksum-valid, issuable NISS or BIS number.</summary>
    /// <param name="digits">Exactly 11 digits, no separators.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 11 || !Digits.AllDigits(digits))
        {
            return false;
        }

        var month = Digits.Parse(digits[2..4]);
        var day = Digits.Parse(digits[4..6]);
        var sequence = Digits.Parse(digits[6..9]);
        // Months 0–12 (NISS; 0 when the birth month is unknown), 20–32 and 40–52 (BIS). Day 0 = unknown day.
        var monthOk = month <= 12 || (month >= 20 && month <= 32) || (month >= 40 && month <= 52);
        if (!monthOk || day > 31 || sequence is 0 or > 997)
        {
            return false;
        }

        var body = Digits.Parse(digits[..9]);
        var check = Digits.Parse(digits[9..]);
        return check == 97 - (body % 97) || check == 97 - ((2_000_000_000L + body) % 97);
    }
}
