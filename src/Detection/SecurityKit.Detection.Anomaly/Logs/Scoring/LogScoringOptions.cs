namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>How log lines become events and windows. Saved inside a trained model so that scoring reads logs the same way.</summary>
public sealed class LogScoringOptions
{
    /// <summary>Loghub header format, or <see langword="null"/> when each line is content only.</summary>
    public string? LogFormat { get; set; }

    /// <summary>
    /// Header fields holding the time, joined with a space before parsing (e.g. <c>Date Time</c>), or a single field
    /// of Unix seconds. When empty, the line number counts as seconds.
    /// </summary>
    public IList<string> TimeFields { get; init; } = [];

    /// <summary>What the entity key is taken from.</summary>
    public EntityKind Entity { get; set; } = EntityKind.Auto;

    /// <summary>The header field used when <see cref="Entity"/> is <see cref="EntityKind.Field"/>.</summary>
    public string? EntityField { get; set; }

    /// <summary>Window length.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Step between window starts; equal to <see cref="Window"/> for fixed (tumbling) windows, shorter for sliding ones.</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most entities with an open window; beyond, the least recently active entity's windows are closed early.</summary>
    public int MaxOpenEntities { get; set; } = 100_000;

    /// <summary>How late (behind the newest time seen) an event may arrive and still be windowed; later ones are counted and skipped.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Score from which a window is reported as an alert.</summary>
    public double AlertThreshold { get; set; } = 0.99;
}
