using System.Text;
using SecurityKit.Pseudonymization.Identifiers;

namespace SecurityKit.Pseudonymization.Bulk;

/// <summary>The marker written in place of an invalid identifier under <see cref="InvalidIdentifierPolicy.Mark"/>.</summary>
public static class InvalidMarker
{
    /// <summary>The marker for a rule, e.g. <c>#INVALID(CheckDigits)</c>.</summary>
    /// <param name="rule">The rule broken.</param>
    /// <returns>The marker.</returns>
    public static string For(IdentifierRule rule) => $"#INVALID({rule})";

    internal static byte[][] Utf8ByRule { get; } =
        Enum.GetValues<IdentifierRule>().Select(r => Encoding.ASCII.GetBytes(For(r))).ToArray();
}
