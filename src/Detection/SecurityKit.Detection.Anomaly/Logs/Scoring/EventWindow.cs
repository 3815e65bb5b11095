namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>The events of one entity in one time window, reduced to what the features need (bounded memory).</summary>
public sealed class EventWindow
{
    /// <summary>Most distinct values remembered per window.</summary>
    public const int MaxValues = 256;

    internal EventWindow(string entity, DateTimeOffset start, DateTimeOffset end)
    {
        Entity = entity;
        Start = start;
        End = end;
    }

    /// <summary>The entity key.</summary>
    public string Entity { get; }

    /// <summary>Window start (inclusive).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Window end (exclusive).</summary>
    public DateTimeOffset End { get; }

    /// <summary>Events in the window.</summary>
    public int Count { get; private set; }

    /// <summary>Count per template index (-1 = never seen in training).</summary>
    public Dictionary<int, int> TemplateCounts { get; } = [];

    /// <summary>Template text per template index, for explanations.</summary>
    public Dictionary<int, string> TemplateTexts { get; } = [];

    /// <summary>Distinct values seen (bounded by <see cref="MaxValues"/>).</summary>
    public HashSet<string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>First and last line numbers of the window's events.</summary>
    public (long First, long Last) Lines { get; private set; } = (long.MaxValue, 0);

    /// <summary>Labels of the events, when the input carries them (count of anomalous events).</summary>
    public int AnomalousEvents { get; internal set; }

    internal void Add(LogEvent e)
    {
        Count++;
        TemplateCounts[e.Template] = TemplateCounts.GetValueOrDefault(e.Template) + 1;
        TemplateTexts.TryAdd(e.Template, e.TemplateText);
        foreach (var v in e.Values)
        {
            if (Values.Count >= MaxValues)
            {
                break;
            }

            Values.Add(v);
        }

        Lines = (Math.Min(Lines.First, e.Line), Math.Max(Lines.Last, e.Line));
    }

    /// <summary>A window holding exactly one event (event-level scoring).</summary>
    /// <param name="e">The event.</param>
    /// <returns>The window.</returns>
    public static EventWindow Of(LogEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var w = new EventWindow(e.Entity, e.Time, e.Time);
        w.Add(e);
        return w;
    }
}
