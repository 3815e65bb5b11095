namespace SecurityKit.ReferenceApi.Security;

/// <summary>
/// The purpose a caller must state to re-identify somebody (GDPR Art. 5(1)(b) purpose limitation, recorded so that
/// a DPO can check it afterwards): a case or file reference, 1–500 printable characters.
/// </summary>
internal static class Purposes
{
    public const int MaxLength = 500;

    /// <summary>Null when the purpose is acceptable, else what is wrong with it.</summary>
    public static string? Validate(string? purpose) =>
        string.IsNullOrWhiteSpace(purpose) || purpose.Length > MaxLength || purpose.Any(char.IsControl)
            ? $"is required to re-identify: 1 to {MaxLength} printable characters (a case or file reference)"
            : null;
}
