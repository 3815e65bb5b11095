namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>One template being mined: its tokens (ids of <see cref="TokenVocabulary"/>, 0 for a wildcard) and its size.</summary>
internal sealed class LogCluster(int id, int[] tokens)
{
    /// <summary>Index in creation order (so also the order of first appearance).</summary>
    public int Id { get; } = id;

    /// <summary>Template tokens; a position becomes a wildcard when two messages differ there.</summary>
    public int[] Tokens { get; } = tokens;

    /// <summary>Messages that joined this template.</summary>
    public long Size { get; set; } = 1;

    /// <summary>Count of fixed (non-wildcard) positions.</summary>
    public int Constants { get; set; } = CountConstants(tokens);

    internal static int CountConstants(ReadOnlySpan<int> tokens)
    {
        var n = 0;
        foreach (var t in tokens)
        {
            if (t != TokenVocabulary.Wildcard)
            {
                n++;
            }
        }

        return n;
    }
}
