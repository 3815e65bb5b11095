namespace SecurityKit.Signing.Cades;

/// <summary>Conversions between <see cref="SignatureLevel"/> and the names the standards and the CLI use.</summary>
public static class SignatureLevels
{
    /// <summary>Parses <c>B-B</c>, <c>B-T</c>, <c>B-LT</c> or <c>B-LTA</c> (case-insensitive).</summary>
    /// <exception cref="SecurityKitException">The name is none of these.</exception>
    public static SignatureLevel Parse(string name) => name?.Trim().ToUpperInvariant() switch
    {
        "B-B" or "B" => SignatureLevel.BaselineB,
        "B-T" or "T" => SignatureLevel.BaselineT,
        "B-LT" or "LT" => SignatureLevel.BaselineLT,
        "B-LTA" or "LTA" => SignatureLevel.BaselineLTA,
        _ => throw new SecurityKitException($"unknown signature level '{name}' (use B-B, B-T, B-LT or B-LTA)", "level"),
    };

    /// <summary>The level's short name (<c>B-LT</c>).</summary>
    public static string ToName(this SignatureLevel level) => level switch
    {
        SignatureLevel.BaselineB => "B-B",
        SignatureLevel.BaselineT => "B-T",
        SignatureLevel.BaselineLT => "B-LT",
        _ => "B-LTA",
    };
}
