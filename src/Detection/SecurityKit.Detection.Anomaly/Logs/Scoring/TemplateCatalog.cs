using SecurityKit.Detection.Anomaly.Logs.Templates;

namespace SecurityKit.Detection.Anomaly.Logs.Scoring;

/// <summary>
/// Maps messages to the template indexes of a model. In training it is empty and every mined template is known; in
/// scoring it is seeded with the model's templates (mined again from their text, so that wildcards stay wildcards),
/// keeps learning, and reports messages that fit none of the model's templates as -1 (a new message type).
/// </summary>
public sealed class TemplateCatalog
{
    private readonly TemplateMiner miner = new();
    private readonly Dictionary<int, int> modelIndexOfTemplate = [];
    private readonly bool seeded;

    /// <summary>An empty catalog for training.</summary>
    public TemplateCatalog()
    {
    }

    /// <summary>A catalog seeded with a model's templates.</summary>
    /// <param name="templates">The templates in model order.</param>
    public TemplateCatalog(IReadOnlyList<string> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        seeded = true;
        for (var i = 0; i < templates.Count; i++)
        {
            modelIndexOfTemplate.TryAdd(miner.TemplateOf(miner.Add(templates[i])), i);
        }
    }

    /// <summary>Templates known to the miner (training: all of them, in index order).</summary>
    public int Count => miner.ClusterCount;

    /// <summary>Finds (and learns) the template of a message.</summary>
    /// <param name="content">The message.</param>
    /// <param name="text">The template's text now.</param>
    /// <returns>The template index, or -1 for a message type the model never saw.</returns>
    public int Resolve(ReadOnlySpan<char> content, out string text)
    {
        var template = miner.TemplateOf(miner.Add(content));
        text = miner.OnlineTemplate(template);
        if (!seeded)
        {
            return template;
        }

        return modelIndexOfTemplate.TryGetValue(template, out var index) ? index : -1;
    }

    /// <summary>The text of every template, by index (training catalogs).</summary>
    /// <returns>The templates.</returns>
    public List<string> Templates() => Enumerable.Range(0, miner.ClusterCount).Select(miner.OnlineTemplate).ToList();
}
