using System.Collections.Frozen;

namespace SecurityKit.Detection.Pii;

/// <summary>The exact type names of CONTRACTS.md (<c>NATIONAL_NUMBER</c>, <c>PERSON</c>, …).</summary>
public static class PiiEntityTypeNames
{
    private static readonly string[] Names =
    [
        "NATIONAL_NUMBER", "ENTERPRISE_NUMBER", "IBAN", "PAYMENT_CARD", "EMAIL", "PHONE", "PERSON", "ADDRESS",
        "EID_CARD_NUMBER", "LICENSE_PLATE", "IP_ADDRESS", "DATE_OF_BIRTH",
    ];

    private static readonly FrozenDictionary<string, PiiEntityType> ByName =
        Names.Select((n, i) => (n, i)).ToFrozenDictionary(p => p.n, p => (PiiEntityType)p.i, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every type, in contract order.</summary>
    public static IReadOnlyList<PiiEntityType> All { get; } = Enum.GetValues<PiiEntityType>();

    /// <summary>The contract name of <paramref name="type"/>, e.g. <c>NATIONAL_NUMBER</c>.</summary>
    /// <param name="type">The entity type.</param>
    /// <returns>The upper-case contract name.</returns>
    public static string ToName(this PiiEntityType type) => Names[(int)type];

    /// <summary>Parses a contract name (case-insensitive).</summary>
    /// <param name="name">A name such as <c>PERSON</c>.</param>
    /// <param name="type">The type when found.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string name, out PiiEntityType type) => ByName.TryGetValue(name, out type);
}
