namespace SecurityKit.Signing.Revocation;

/// <summary>The outcome of an online revocation check: the evidence found, and what failed on the way.</summary>
/// <param name="Evidence">Verified revocation data, or <see langword="null"/> when none could be obtained.</param>
/// <param name="Failures">Each source that failed and why (empty when the first source answered).</param>
public sealed record RevocationLookup(RevocationEvidence? Evidence, IReadOnlyList<string> Failures);
