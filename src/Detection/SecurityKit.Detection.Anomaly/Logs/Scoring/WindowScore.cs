namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>The score of one window, with what drove it.</summary>
/// <param name="Window">The window.</param>
/// <param name="Score">Combined anomaly score in [0, 1]: the larger of the calibrated PCA and rarity scores.</param>
/// <param name="PcaScore">RandomizedPca reconstruction error, calibrated on the baseline to [0, 1].</param>
/// <param name="RarityScore">Rarity/novelty of templates, values and hour, calibrated on the baseline to [0, 1].</param>
/// <param name="SupervisedScore">Probability from the supervised model, when the model has one.</param>
/// <param name="Reasons">The reasons, most important first, in words.</param>
public sealed record WindowScore(EventWindow Window, double Score, double PcaScore, double RarityScore, double? SupervisedScore, IReadOnlyList<string> Reasons);
