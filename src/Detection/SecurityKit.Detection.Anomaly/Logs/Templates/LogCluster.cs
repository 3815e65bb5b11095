namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>
/// One template being mined: its tokens (ids of <see cref="TokenVocabulary"/>, 0 for a wildcard), its size, and —
/// bounded — which fixed words each wildcard position has taken, so that <see cref="TemplateMiner.Complete"/> can tell
/// a position holding a handful of words (a state, a unit, a keyword: fixed text) from one holding open-ended values.
/// </summary>
internal sealed class LogCluster(int id, int[] tokens, int wordLimit, int constantLimit = 0)
{
    private readonly int[][] words = new int[tokens.Length][];
    private readonly bool[] valueSeen = new bool[tokens.Length];
    private readonly bool[] keyedValueSeen = new bool[tokens.Length];
    private readonly bool[] mixedWords = new bool[tokens.Length];

    /// <summary>Index in creation order (so also the order of first appearance).</summary>
    public int Id { get; } = id;

    /// <summary>Template tokens; a position becomes a wildcard when two messages differ there.</summary>
    public int[] Tokens { get; } = tokens;

    /// <summary>Messages that joined this template.</summary>
    public long Size { get; set; }

    /// <summary>Count of fixed (non-wildcard) positions.</summary>
    public int Constants { get; set; } = CountConstants(tokens);

    /// <summary>Variants: distinct messages of this template once values and open-ended positions are masked.</summary>
    public Dictionary<int[], int> Variants { get; } = new(VariantKeyComparer.Instance);

    /// <summary>Set when the template had too many variants to be split after the stream.</summary>
    public bool Unsplittable { get; set; }

    /// <summary>The first id of this template's units after splitting (see <see cref="TemplateMiner.Complete"/>).</summary>
    public int FirstUnit { get; set; }

    /// <summary>Records the words of one message; returns whether position <paramref name="p"/> is still few-valued.</summary>
    /// <param name="p">The position.</param>
    /// <param name="token">The message's token there.</param>
    /// <param name="holdsValue">Whether the token is a value.</param>
    /// <param name="valueAfterKey">Whether the token's part after its key (if any) is a value.</param>
    /// <param name="codeConstant">Whether the token is an upper-case identifier such as <c>RUNNING</c> or <c>DELETE</c>.</param>
    public bool Observe(int p, int token, bool holdsValue, bool valueAfterKey, bool codeConstant)
    {
        keyedValueSeen[p] |= valueAfterKey;
        if (holdsValue)
        {
            valueSeen[p] = true;
            return false;
        }

        mixedWords[p] |= !codeConstant;
        var limit = Limit(p);
        var seen = words[p];
        if (seen is null)
        {
            words[p] = [token];
            return !valueSeen[p];
        }

        if (seen.Length > limit)
        {
            return false;
        }

        if (Array.IndexOf(seen, token) < 0)
        {
            Array.Resize(ref words[p], seen.Length + 1);
            words[p][^1] = token;
            return !valueSeen[p] && words[p].Length <= limit;
        }

        return !valueSeen[p] && seen.Length <= limit;
    }

    /// <summary>Whether a wildcard position only ever held between 2 and its limit of distinct fixed words.</summary>
    /// <param name="p">The position.</param>
    /// <param name="keyed">
    /// Whether every token there shares one key (the template holds <c>key=&lt;*&gt;</c>): then a masked value after the
    /// key (<c>pod="&lt;*&gt;"</c>) is a value, while at a wildcard position it is text with its own shape.
    /// </param>
    public bool IsFewValued(int p, bool keyed) => !(keyed ? keyedValueSeen[p] : valueSeen[p]) && words[p] is { Length: >= 2 } w && w.Length <= Limit(p);

    /// <summary>
    /// Distinct words up to which a position reads as fixed text: the word limit, or the larger constant limit while
    /// every word it held is an upper-case identifier (an enumeration in code: states, verbs, methods).
    /// </summary>
    private int Limit(int p) => mixedWords[p] ? wordLimit : Math.Max(wordLimit, constantLimit);

    /// <summary>
    /// One template standing for several mined ones of the same length (see <see cref="TemplateMerging.GroupSimilar"/>):
    /// the given common tokens, and at each position the union of the words and values its members saw there.
    /// </summary>
    public static LogCluster Combine(IReadOnlyList<LogCluster> members, int[] tokens, int wordLimit, int constantLimit)
    {
        var combined = new LogCluster(members[0].Id, tokens, wordLimit, constantLimit);
        foreach (var member in members)
        {
            combined.Unsplittable |= member.Unsplittable;
            for (var p = 0; p < tokens.Length; p++)
            {
                combined.valueSeen[p] |= member.valueSeen[p];
                combined.keyedValueSeen[p] |= member.keyedValueSeen[p];
                combined.mixedWords[p] |= member.mixedWords[p];
                if (member.words[p] is not { } seen)
                {
                    continue;
                }

                foreach (var word in seen)
                {
                    var mine = combined.words[p];
                    if (mine is null)
                    {
                        combined.words[p] = [word];
                    }
                    else if (mine.Length <= combined.Limit(p) && Array.IndexOf(mine, word) < 0)
                    {
                        // Beyond the limit + 1 words the position is open-ended; more need not be kept.
                        Array.Resize(ref combined.words[p], mine.Length + 1);
                        combined.words[p]![^1] = word;
                    }
                }
            }
        }

        return combined;
    }

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
