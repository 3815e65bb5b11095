namespace SecurityKit.Detection.Pii.Operators;

/// <summary>The result of <see cref="PiiAnonymizer.Anonymize"/>: the safe text and how many entities of each type it replaced.</summary>
/// <param name="Text">The text with every entity replaced.</param>
/// <param name="Counts">Entities replaced, per type (never their values).</param>
public sealed record AnonymizedText(string Text, IReadOnlyDictionary<PiiEntityType, int> Counts);
