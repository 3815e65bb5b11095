namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>One parsed log line: when, which template, about whom, and the values it carried.</summary>
/// <param name="Line">1-based line number in the input.</param>
/// <param name="Time">When it happened (from the header, or the line number in seconds when the log has no time).</param>
/// <param name="Template">Template index in the model's catalog, or -1 for a message type never seen in training.</param>
/// <param name="TemplateText">The template text.</param>
/// <param name="Entity">The entity key the line is about (user, IP, host, session, block), or empty.</param>
/// <param name="Values">The variable values of the line (bounded).</param>
public sealed record LogEvent(long Line, DateTimeOffset Time, int Template, string TemplateText, string Entity, IReadOnlyList<string> Values);
