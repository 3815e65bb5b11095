namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>The score of one window, with what drove it.</summary>
/// <param name="Window">The window.</param>
/// <param name="Score">Combined anomaly score in [0, 1]: the larger of the calibrated PCA and rarity scores.</param>
/// <param name="PcaScore">RandomizedPca reconstruction error, calibrated on the baseline to [0, 1].</param>
/// <param name="RarityScore">Rarity/novelty of templates, values and hour, calibrated on the baseline to [0, 1].</param>
/// <param name="SupervisedScore">Probability from the supervised model, when the model has one.</param>
/// <param name="Reasons">The reasons, most important first, in words.</param>
public sealed record WindowScore(EventWindow Window, double Score, double PcaScore, double RarityScore, double? SupervisedScore, IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// Writes the window as one JSON object (entity, start, end, events, firstLine, lastLine, score, pca, rarity,
    /// supervised when present, alert, reasons), the line format of <c>securitykit logs score</c> and of the API.
    /// </summary>
    /// <param name="json">The writer; the caller flushes it.</param>
    /// <param name="alert">Whether the score is at or above the alert threshold.</param>
    public void WriteTo(System.Text.Json.Utf8JsonWriter json, bool alert)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("entity", Window.Entity);
        json.WriteString("start", Window.Start);
        json.WriteString("end", Window.End);
        json.WriteNumber("events", Window.Count);
        json.WriteNumber("firstLine", Window.Lines.First);
        json.WriteNumber("lastLine", Window.Lines.Last);
        json.WriteNumber("score", Math.Round(Score, 4));
        json.WriteNumber("pca", Math.Round(PcaScore, 4));
        json.WriteNumber("rarity", Math.Round(RarityScore, 4));
        if (SupervisedScore is { } supervised)
        {
            json.WriteNumber("supervised", Math.Round(supervised, 4));
        }

        json.WriteBoolean("alert", alert);
        json.WriteStartArray("reasons");
        foreach (var reason in Reasons)
        {
            json.WriteStringValue(reason);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
