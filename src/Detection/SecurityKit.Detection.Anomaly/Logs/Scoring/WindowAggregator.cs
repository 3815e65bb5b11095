namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>
/// Groups events into windows per entity, fixed (step = length) or sliding (step &lt; length), and hands out each
/// window once it can no longer receive events. Memory is bounded: windows close as time advances, at most
/// <see cref="LogScoringOptions.MaxOpenEntities"/> entities keep open windows (the least recently active is closed
/// first), and events older than the allowed lateness are counted in <see cref="LateEvents"/> and skipped.
/// </summary>
public sealed class WindowAggregator
{
    private readonly LogScoringOptions options;
    private readonly Dictionary<string, LinkedListNode<EntityWindows>> entities = new(StringComparer.Ordinal);
    private readonly LinkedList<EntityWindows> recency = new();
    private DateTimeOffset newest = DateTimeOffset.MinValue;
    private long eventsSinceSweep;

    /// <summary>Creates an aggregator.</summary>
    /// <param name="options">Window settings.</param>
    public WindowAggregator(LogScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Window <= TimeSpan.Zero || options.Step <= TimeSpan.Zero || options.Step > options.Window)
        {
            throw new SecurityKitException("window length and step must be positive, the step no longer than the window", "window options");
        }

        this.options = options;
    }

    /// <summary>Events skipped because they arrived later than the allowed lateness.</summary>
    public long LateEvents { get; private set; }

    /// <summary>Entities with open windows now.</summary>
    public int OpenEntities => entities.Count;

    /// <summary>Adds an event; returns the windows it closed.</summary>
    /// <param name="e">The event.</param>
    /// <returns>Closed windows, oldest first.</returns>
    public IReadOnlyList<EventWindow> Add(LogEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Time < Horizon())
        {
            LateEvents++;
            return [];
        }

        List<EventWindow>? closed = null;

        if (e.Time > newest)
        {
            newest = e.Time;
        }

        if (!entities.TryGetValue(e.Entity, out var node))
        {
            if (entities.Count >= options.MaxOpenEntities)
            {
                var oldest = recency.Last!;
                closed = [.. oldest.Value.Windows];
                entities.Remove(oldest.Value.Entity);
                recency.RemoveLast();
            }

            node = recency.AddFirst(new EntityWindows(e.Entity));
            entities.Add(e.Entity, node);
        }
        else if (node != recency.First)
        {
            recency.Remove(node);
            recency.AddFirst(node);
        }

        var windows = node.Value.Windows;
        // Every window [start, start + length) with start on the step grid that contains the event.
        var stepTicks = options.Step.Ticks;
        var lastStart = e.Time.UtcTicks - (e.Time.UtcTicks % stepTicks);
        for (var start = lastStart; start > e.Time.UtcTicks - options.Window.Ticks; start -= stepTicks)
        {
            var s = new DateTimeOffset(start, TimeSpan.Zero);
            var w = windows.Find(x => x.Start == s);
            if (w is null)
            {
                w = new EventWindow(e.Entity, s, s + options.Window);
                windows.Add(w);
            }

            w.Add(e);
        }

        // Most events close nothing: the common path allocates no list.
        IReadOnlyList<EventWindow> justClosed = ++eventsSinceSweep >= 1024 ? Sweep(Horizon()) : Close(node.Value, Horizon());
        if (eventsSinceSweep >= 1024)
        {
            eventsSinceSweep = 0;
        }

        if (closed is null)
        {
            return justClosed;
        }

        closed.AddRange(justClosed);
        return closed;
    }

    /// <summary>The oldest time still accepted: the newest time seen minus the allowed lateness (never below the minimum).</summary>
    private DateTimeOffset Horizon() =>
        newest.UtcTicks - DateTimeOffset.MinValue.UtcTicks <= options.AllowedLateness.Ticks ? DateTimeOffset.MinValue : newest - options.AllowedLateness;

    /// <summary>Closes every open window (end of input).</summary>
    /// <returns>The windows, oldest first.</returns>
    public IReadOnlyList<EventWindow> Flush() => Sweep(DateTimeOffset.MaxValue);

    private List<EventWindow> Sweep(DateTimeOffset horizon)
    {
        var closed = new List<EventWindow>();
        List<LinkedListNode<EntityWindows>>? emptied = null;
        foreach (var node in entities.Values)
        {
            closed.AddRange(Close(node.Value, horizon));
            if (node.Value.Windows.Count == 0)
            {
                (emptied ??= []).Add(node);
            }
        }

        foreach (var node in emptied ?? [])
        {
            entities.Remove(node.Value.Entity);
            recency.Remove(node);
        }

        closed.Sort((a, b) => a.Start.CompareTo(b.Start));
        return closed;
    }

    private static EventWindow[] Close(EntityWindows entity, DateTimeOffset horizon)
    {
        if (!entity.Windows.Exists(w => w.End <= horizon))
        {
            return [];
        }

        var closed = entity.Windows.Where(w => w.End <= horizon).OrderBy(w => w.Start).ToArray();
        entity.Windows.RemoveAll(w => w.End <= horizon);
        return closed;
    }

    private sealed class EntityWindows(string entity)
    {
        public string Entity { get; } = entity;

        public List<EventWindow> Windows { get; } = [];
    }
}
