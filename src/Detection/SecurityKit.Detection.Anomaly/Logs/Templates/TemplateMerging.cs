namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>
/// The second pass over mined templates (never over lines): online mining over-splits when the first message of an
/// event fixed a value that later turned variable in a sibling branch of the tree, or when messages of one event were
/// routed to different leaves by a leading value. Merges are recorded in a union-find forest over template ids.
/// </summary>
internal static class TemplateMerging
{
    /// <summary>Most mined templates of one length compared pairwise by <see cref="GroupSimilar"/> (bounds its work).</summary>
    private const int MaxPairwiseGroup = 4096;

    /// <summary>
    /// Groups mined templates of the same length whose common template (a wildcard where they differ) keeps at least the
    /// similarity threshold's share of each one's fixed tokens (of the more general one's when one side holds a single
    /// message, however often repeated: that message would have joined it online had it come later). Online mining depends on arrival order: when a message
    /// with two word values arrives before any general template exists, it differs from every template in two places
    /// and starts its own ("User alice logged in from Gent", "User bob logged in from Brussels"); had the messages come
    /// in another order they would have joined one template. Grouping happens before the few-valued split, so a
    /// position whose words all groups' members together hold only a few still splits, judged on all of them.
    /// </summary>
    public static List<(List<LogCluster> Members, int[] Tokens)> GroupSimilar(List<LogCluster> clusters, TemplateMinerOptions options, TemplateMiner miner)
    {
        var parent = new int[clusters.Count];
        var tokens = new int[clusters.Count][];
        var size = new long[clusters.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
            size[i] = clusters[i].Variants.Count;
            tokens[i] = (int[])clusters[i].Tokens.Clone();
        }

        foreach (var group in clusters.GroupBy(c => c.Tokens.Length))
        {
            var list = group.Select(c => c.Id).ToList();
            if (list.Count < 2 || list.Count > MaxPairwiseGroup)
            {
                continue;
            }

            for (var merged = true; merged;)
            {
                merged = false;
                for (var i = 0; i < list.Count; i++)
                {
                    for (var j = i + 1; j < list.Count; j++)
                    {
                        var a = Find(parent, list[i]);
                        var b = Find(parent, list[j]);
                        if (a == b || !CommonIsSimilar(tokens[a], tokens[b], size[a] <= 1 || size[b] <= 1, options.SimilarityThreshold, miner))
                        {
                            continue;
                        }

                        Union(parent, a, b);
                        var root = Find(parent, a);
                        size[root] = size[a] + size[b];
                        var other = root == a ? b : a;
                        for (var p = 0; p < tokens[root].Length; p++)
                        {
                            tokens[root][p] = miner.Common(tokens[root][p], tokens[other][p]);
                        }

                        merged = true;
                    }
                }
            }
        }

        var result = new List<(List<LogCluster> Members, int[] Tokens)>();
        var indexOfRoot = new Dictionary<int, int>();
        foreach (var c in clusters)
        {
            var root = Find(parent, c.Id);
            if (!indexOfRoot.TryGetValue(root, out var index))
            {
                index = result.Count;
                indexOfRoot.Add(root, index);
                result.Add(([], tokens[root]));
            }

            result[index].Members.Add(c);
        }

        return result;
    }

    private static bool CommonIsSimilar(int[] a, int[] b, bool single, double threshold, TemplateMiner miner)
    {
        int constantsA = 0, constantsB = 0, common = 0;
        for (var p = 0; p < a.Length; p++)
        {
            var x = a[p];
            var y = b[p];
            if (x != y && (miner.IsEndpoint(x) || miner.IsEndpoint(y)))
            {
                return false; // two request paths: two operations
            }

            constantsA += x != TokenVocabulary.Wildcard ? 1 : 0;
            constantsB += y != TokenVocabulary.Wildcard ? 1 : 0;
            common += miner.Common(x, y) != TokenVocabulary.Wildcard ? 1 : 0;
        }

        // A lone message (one variant, however often repeated) joins as it would have online had it come later: judged on
        // the other template's fixed tokens.
        var basis = single ? Math.Min(constantsA, constantsB) : Math.Max(constantsA, constantsB);
        return common > 0 && common >= threshold * basis;
    }

    public static void Merge(List<LogCluster> clusters, int[] parent, TemplateMinerOptions options, TemplateMiner miner)
    {
        // 1. Same length, same template text: one event.
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in clusters)
        {
            var key = string.Join(',', c.Tokens);
            if (byText.TryGetValue(key, out var first))
            {
                Union(parent, first, c.Id);
            }
            else
            {
                byText.Add(key, c.Id);
            }
        }

        // 2. Variable-length values: templates that read the same once each run of wildcards counts as one
        //    (a list of block ids, a message that ends in free text) are one event; at least one fixed token needed.
        var byShape = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in clusters)
        {
            if (c.Constants == 0)
            {
                continue;
            }

            var key = Shape(c.Tokens, miner);
            if (byShape.TryGetValue(key, out var first))
            {
                Union(parent, first, c.Id);
            }
            else
            {
                byShape.Add(key, c.Id);
            }
        }

        // 3. A template whose every fixed token is also fixed in a more general template of the same length (which
        //    holds a wildcard where they differ): its messages would have joined that template had they met it.
        foreach (var group in clusters.GroupBy(c => c.Tokens.Length))
        {
            var list = group.OrderBy(c => c.Constants).ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var general = list[i];
                if (general.Constants == 0 || general.Constants * 2 < general.Tokens.Length)
                {
                    continue;
                }

                for (var j = i + 1; j < list.Count; j++)
                {
                    var specific = list[j];
                    if (Covers(general.Tokens, specific.Tokens, miner) && Similar(general, specific, options.SimilarityThreshold))
                    {
                        Union(parent, general.Id, specific.Id);
                    }
                }
            }
        }

        // 4. A value written as several words: see MergeWordRuns.
        MergeWordRuns(clusters, parent);

        // 5. A tail of key=value pairs whose set of keys varies: see MergeKeyValueTails.
        MergeKeyValueTails(clusters, parent, miner);
    }

    /// <summary>
    /// Templates that end in a run of <c>key=value</c> tokens, with the same fixed text before it, are one event when one
    /// of them already holds a wildcard inside its run and their lengths differ: the program prints a varying set of counters or fields
    /// (<c>ehlo=1 auth=0/1 rset=1 commands=3</c>), so the run's length and keys vary from message to message. A run whose
    /// keys never varied (<c>uid=&lt;*&gt; euid=&lt;*&gt; tty=ssh</c>) has no wildcard and so never starts a group: templates
    /// that differ by a fixed set of keys stay apart. At least two keyed tokens and two fixed tokens before the run.
    /// </summary>
    private static void MergeKeyValueTails(List<LogCluster> clusters, int[] parent, TemplateMiner miner)
    {
        var varying = new Dictionary<string, List<LogCluster>>(StringComparer.Ordinal);
        var tails = new List<(LogCluster Cluster, string Prefix)>();
        foreach (var c in clusters)
        {
            var tokens = c.Tokens;
            int start = tokens.Length, keyed = 0, wildcards = 0;
            while (start > 0 && (tokens[start - 1] == TokenVocabulary.Wildcard || miner.IsKeyed(tokens[start - 1])))
            {
                start--;
                keyed += tokens[start] == TokenVocabulary.Wildcard ? 0 : 1;
                wildcards += tokens[start] == TokenVocabulary.Wildcard ? 1 : 0;
            }

            if (keyed < 2 || LogCluster.CountConstants(tokens.AsSpan(0, start)) < 2)
            {
                continue;
            }

            var prefix = string.Join(',', tokens.Take(start));
            tails.Add((c, prefix));
            if (wildcards > 0)
            {
                if (!varying.TryGetValue(prefix, out var list))
                {
                    list = [];
                    varying.Add(prefix, list);
                }

                list.Add(c);
            }
        }

        // Only templates of another length join: same-length templates were already grouped, and those that stayed
        // apart were split on purpose (a few-valued key value such as tier=GOLD|SILVER tells events apart).
        foreach (var (c, prefix) in tails)
        {
            if (varying.TryGetValue(prefix, out var list) && list.Find(v => v.Tokens.Length != c.Tokens.Length) is { } other)
            {
                Union(parent, other.Id, c.Id);
            }
        }
    }

    /// <summary>Longest run of words that may stand in place of one value (<c>Google Chrome Helper (Renderer)</c>).</summary>
    private const int MaxWordRun = 4;

    /// <summary>Most value positions indexed by <see cref="MergeWordRuns"/> (bounds its memory on hostile input).</summary>
    private const int MaxWordRunSlots = 1 << 20;

    /// <summary>Fewest fixed tokens a template needs before a run of words may stand in place of one of its values.</summary>
    private const int MinRunContext = 3;

    /// <summary>
    /// A template that reads like a more general one except that a run of 2 to <see cref="MaxWordRun"/> fixed tokens stands
    /// where the general one holds one value, with the same tokens before and after, is that event: the value was a name
    /// that holds spaces (<c>Sandbox: Code Helper (Plugin)(&lt;*&gt;) deny …</c> beside <c>Sandbox: &lt;*&gt; deny …</c>, where
    /// single-word names made the position a value). Token counts differ, so online mining (which routes by length) can
    /// never join them. Every token of the run must be fixed text: a run holding a value (<c>invalid user &lt;*&gt;</c> in
    /// place of <c>&lt;*&gt;</c>) is another message with its own words. Matching uses hashes of every prefix and suffix,
    /// so the work grows with the templates' tokens times <see cref="MaxWordRun"/>, never with pairs of templates.
    /// </summary>
    private static void MergeWordRuns(List<LogCluster> clusters, int[] parent)
    {
        var slots = new Dictionary<(int PrefixLength, int SuffixLength, long Prefix, long Suffix), List<(LogCluster Cluster, int Position)>>();
        foreach (var general in clusters)
        {
            if (general.Constants < MinRunContext)
            {
                continue;
            }

            var (prefix, suffix) = Hashes(general.Tokens);
            for (var m = 0; m < general.Tokens.Length; m++)
            {
                if (general.Tokens[m] != TokenVocabulary.Wildcard)
                {
                    continue;
                }

                var key = (m, general.Tokens.Length - m - 1, prefix[m], suffix[m + 1]);
                if (!slots.TryGetValue(key, out var list))
                {
                    if (slots.Count >= MaxWordRunSlots)
                    {
                        continue; // bounded memory on a stream of many long, value-heavy templates
                    }

                    list = [];
                    slots.Add(key, list);
                }

                list.Add((general, m));
            }
        }

        if (slots.Count == 0)
        {
            return;
        }

        foreach (var specific in clusters)
        {
            var tokens = specific.Tokens;
            var (prefix, suffix) = Hashes(tokens);
            for (var i = 0; i < tokens.Length; i++)
            {
                for (var k = 1; k <= MaxWordRun && i + k <= tokens.Length; k++)
                {
                    if (tokens[i + k - 1] == TokenVocabulary.Wildcard)
                    {
                        break; // the run would hold a value
                    }

                    if (k < 2 || !slots.TryGetValue((i, tokens.Length - i - k, prefix[i], suffix[i + k]), out var list))
                    {
                        continue;
                    }

                    foreach (var (general, m) in list)
                    {
                        if (general.Tokens.AsSpan(0, m).SequenceEqual(tokens.AsSpan(0, i))
                            && general.Tokens.AsSpan(m + 1).SequenceEqual(tokens.AsSpan(i + k)))
                        {
                            Union(parent, general.Id, specific.Id);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Polynomial hashes of every prefix (<c>prefix[i]</c> covers tokens before i) and suffix (from i on).</summary>
    private static (long[] Prefix, long[] Suffix) Hashes(int[] tokens)
    {
        const long Multiplier = 1_000_003;
        var prefix = new long[tokens.Length + 1];
        var suffix = new long[tokens.Length + 1];
        for (var i = 0; i < tokens.Length; i++)
        {
            prefix[i + 1] = unchecked((prefix[i] * Multiplier) + tokens[i] + 1);
        }

        for (var i = tokens.Length - 1; i >= 0; i--)
        {
            suffix[i] = unchecked((suffix[i + 1] * Multiplier) + tokens[i] + 1);
        }

        return (prefix, suffix);
    }

    /// <summary>
    /// The template with each run of values written once; a value with punctuation around it (<c>&lt;*&gt;,</c> in
    /// "holding the lock: 50, 1, 256.") counts as a value, so lists of any length give one shape.
    /// </summary>
    private static string Shape(int[] tokens, TemplateMiner miner) => string.Join(',', ShapeTokens(tokens, miner));

    private static int[] ShapeTokens(int[] tokens, TemplateMiner miner)
    {
        var parts = new List<int>(tokens.Length);
        foreach (var token in tokens)
        {
            var t = miner.IsValueLike(token) ? TokenVocabulary.Wildcard : token;
            if (t != TokenVocabulary.Wildcard || parts.Count == 0 || parts[^1] != TokenVocabulary.Wildcard)
            {
                parts.Add(t);
            }
        }

        return [.. parts];
    }

    /// <summary>Whether every fixed token of <paramref name="general"/> appears at the same place in <paramref name="specific"/>.</summary>
    private static bool Covers(int[] general, int[] specific, TemplateMiner miner)
    {
        for (var i = 0; i < general.Length; i++)
        {
            if (general[i] != TokenVocabulary.Wildcard && !miner.Accepts(general[i], specific[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Similar(LogCluster general, LogCluster specific, double threshold) =>
        specific.Constants == 0 || (double)general.Constants / specific.Constants >= threshold;

    public static int[] Generalize(int[] a, int[] b, TemplateMiner miner)
    {
        if (a.Length != b.Length)
        {
            return a;
        }

        for (var i = 0; i < a.Length; i++)
        {
            a[i] = miner.Common(a[i], b[i]);
        }

        return a;
    }

    public static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    public static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            // Keep the older template as root so events stay numbered by first appearance.
            if (ra < rb)
            {
                parent[rb] = ra;
            }
            else
            {
                parent[ra] = rb;
            }
        }
    }
}
