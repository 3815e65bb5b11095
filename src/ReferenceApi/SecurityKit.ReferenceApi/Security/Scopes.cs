namespace SecurityKit.ReferenceApi.Security;

/// <summary>
/// The OAuth scopes the API knows (RFC 9068 §2.2.3 <c>scope</c> claim). Every endpoint requires exactly one; the
/// operations that re-identify a person have their own scope so that granting the forward operation never grants
/// the reverse one.
/// </summary>
internal static class Scopes
{
    public const string Pseudonymize = "pseudonymize";
    public const string PseudonymizeReverse = "pseudonymize:reverse";
    public const string Pii = "pii";
    public const string PiiRestore = "pii:restore";
    public const string Sign = "sign";
    public const string Anomaly = "anomaly";
    public const string Risk = "risk";
    public const string Crypto = "crypto";
    public const string Audit = "audit";

    /// <summary>Every scope, for the development credentials and the OpenAPI document.</summary>
    public static readonly IReadOnlyList<string> All =
        [Pseudonymize, PseudonymizeReverse, Pii, PiiRestore, Sign, Anomaly, Risk, Crypto, Audit];

    /// <summary>The name of the authorisation policy that requires <paramref name="scope"/>.</summary>
    public static string PolicyFor(string scope) => "scope:" + scope;
}
