using System.Text.Json.Serialization;

namespace SecurityKit.Signing.Validation;

/// <summary>The main status of a signature validation (ETSI EN 319 102-1 §5.1.3, table 4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Indication>))]
public enum Indication
{
    /// <summary>Every check passed.</summary>
    [JsonStringEnumMemberName("TOTAL_PASSED")]
    TotalPassed,

    /// <summary>The signature is proven invalid (corrupt, tampered, or made with a revoked or expired certificate).</summary>
    [JsonStringEnumMemberName("TOTAL_FAILED")]
    TotalFailed,

    /// <summary>The checks could not conclude (missing revocation data, unknown CA, missing content, …).</summary>
    [JsonStringEnumMemberName("INDETERMINATE")]
    Indeterminate,
}
