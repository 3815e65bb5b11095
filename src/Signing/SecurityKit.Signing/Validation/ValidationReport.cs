using System.Text.Json;

namespace SecurityKit.Signing.Validation;

/// <summary>The validation of a whole document: one report per signature.</summary>
public sealed class ValidationReport
{
    /// <summary>Creates a report.</summary>
    public ValidationReport(IReadOnlyList<SignatureReport> signatures)
    {
        Signatures = signatures;
    }

    /// <summary>One report per signature (counter-signatures included).</summary>
    public IReadOnlyList<SignatureReport> Signatures { get; }

    /// <summary>Whether there is at least one signature and every one is TOTAL_PASSED.</summary>
    public bool AllPassed => Signatures.Count > 0 && Signatures.All(s => s.Indication == Indication.TotalPassed);

    /// <summary>The report as JSON: <c>{"signatures":[{"id":…,"indication":"TOTAL_PASSED",…}]}</c>.</summary>
    public string ToJson(bool indented = true)
    {
        var context = indented ? ValidationJsonContext.Indented : ValidationJsonContext.Compact;
        return JsonSerializer.Serialize(this, context.ValidationReport);
    }
}
