namespace SecurityKit.Detection.Pii.Evaluation;

/// <summary>
/// One disagreement between the detector and the gold labels under the strict span criterion: a prediction no gold
/// entity matches (false positive) or a gold entity no prediction matches (false negative).
/// </summary>
/// <param name="TextId">Id of the labelled text.</param>
/// <param name="Type">Entity type.</param>
/// <param name="IsFalsePositive"><see langword="true"/> for a prediction without gold, <see langword="false"/> for a miss.</param>
/// <param name="Start">Start offset of the span.</param>
/// <param name="End">End offset of the span (exclusive).</param>
/// <param name="Value">The span's text.</param>
/// <param name="Score">The detector's score for a false positive; for a miss, the best score of a prediction of the same type overlapping it, or 0.</param>
/// <param name="Context">Up to 30 characters either side of the span, line breaks shown as <c>⏎</c>.</param>
public sealed record EvaluationError(string TextId, PiiEntityType Type, bool IsFalsePositive, int Start, int End, string Value, double Score, string Context);
