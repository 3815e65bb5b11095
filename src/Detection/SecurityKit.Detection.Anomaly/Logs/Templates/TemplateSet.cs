namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>
/// The final grouping of a mined stream: every template id the miner handed out maps to one event, numbered from 1 in
/// order of first appearance, with its template text.
/// </summary>
public sealed class TemplateSet
{
    private readonly int[] eventOfCluster;
    private readonly string[] templates;
    private readonly long[] sizes;

    private TemplateSet(int[] eventOfCluster, string[] templates, long[] sizes)
    {
        this.eventOfCluster = eventOfCluster;
        this.templates = templates;
        this.sizes = sizes;
    }

    /// <summary>Number of events.</summary>
    public int Count => templates.Length;

    /// <summary>The event (0-based) of a variant id returned by <see cref="TemplateMiner.Add"/>.</summary>
    /// <param name="clusterId">The variant id.</param>
    /// <returns>The event index; its identifier is <c>E{index + 1}</c>.</returns>
    public int EventOf(int clusterId) => eventOfCluster[clusterId];

    /// <summary>The template text of an event, variables written <c>&lt;*&gt;</c>.</summary>
    /// <param name="eventIndex">The event index.</param>
    /// <returns>The template.</returns>
    public string Template(int eventIndex) => templates[eventIndex];

    /// <summary>How many messages the event holds.</summary>
    /// <param name="eventIndex">The event index.</param>
    /// <returns>The count.</returns>
    public long Size(int eventIndex) => sizes[eventIndex];

    /// <summary>The identifier written in outputs: <c>E1</c>, <c>E2</c>, ….</summary>
    /// <param name="eventIndex">The event index.</param>
    /// <returns>The identifier.</returns>
    public static string EventId(int eventIndex) => "E" + (eventIndex + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static TemplateSet Build(List<LogCluster> units, int[] parent, int[] unitOfVariant, TemplateMiner miner)
    {
        var eventOfRoot = new Dictionary<int, int>();
        var eventOfUnit = new int[units.Count];
        var merged = new List<int[]>();
        var sizes = new List<long>();
        for (var i = 0; i < units.Count; i++)
        {
            var root = TemplateMerging.Find(parent, i);
            if (!eventOfRoot.TryGetValue(root, out var e))
            {
                e = merged.Count;
                eventOfRoot.Add(root, e);
                merged.Add((int[])units[i].Tokens.Clone());
                sizes.Add(0);
            }

            eventOfUnit[i] = e;
            sizes[e] += units[i].Size;
            merged[e] = TemplateMerging.Generalize(merged[e], units[i].Tokens, miner);
        }

        var eventOfVariant = new int[unitOfVariant.Length];
        for (var v = 0; v < eventOfVariant.Length; v++)
        {
            eventOfVariant[v] = eventOfUnit[unitOfVariant[v]];
        }

        return new TemplateSet(eventOfVariant, merged.Select(t => miner.Join(t)).ToArray(), sizes.ToArray());
    }
}
