namespace SecurityKit.Detection.Pii.Evaluation;

/// <summary>Counts and figures of one entity type on a corpus (exact span and type match).</summary>
/// <param name="Type">The type.</param>
/// <param name="TruePositives">Predicted spans equal to a gold span of the same type.</param>
/// <param name="FalsePositives">Predicted spans with no equal gold span.</param>
/// <param name="FalseNegatives">Gold spans not predicted.</param>
public sealed record TypeScore(PiiEntityType Type, int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>TP / (TP + FP); 1 when nothing was predicted.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 1 when there was nothing to find.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Number of gold spans.</summary>
    public int Support => TruePositives + FalseNegatives;
}
