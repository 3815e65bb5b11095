namespace SecurityKit.Detection.Pii.Evaluation;

/// <summary>One line of an evaluation corpus: a text and its gold entities.</summary>
/// <param name="Id">The line's identifier.</param>
/// <param name="Text">The text.</param>
/// <param name="Entities">The gold spans.</param>
/// <param name="Split">Which part of the corpus the line belongs to (<c>dev</c>, <c>holdout</c>, …), or empty.</param>
public sealed record LabelledText(string Id, string Text, IReadOnlyList<PiiEntity> Entities, string Split = "");
