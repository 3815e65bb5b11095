using System.Text;

namespace SecurityKit.Detection.Anomaly.Logs.Templates;

/// <summary>
/// Streaming log-template miner in the spirit of Drain (He et al., ICWS 2017): a message is split into tokens, values
/// are masked by <see cref="VariableMasker"/>, and a fixed-depth tree routes it by token count and leading tokens to a
/// short list of templates, among which it joins the most similar one (or starts a new one). Memory holds templates,
/// never lines. <see cref="Complete"/> then merges over-split templates once the stream has been seen.
/// <para>Differences from Drain, each measured on the Loghub development data (docs/logs.md): values are masked
/// before routing with general token rules; similarity counts only the template's fixed positions; <c>key=value</c>
/// keeps its key; after the stream, templates with the same text or covered by a more general one are merged.</para>
/// </summary>
public sealed class TemplateMiner
{
    private readonly TemplateMinerOptions options;
    private readonly TokenVocabulary vocabulary;
    private readonly List<LogCluster> clusters = [];
    private readonly Dictionary<LeafKey, List<LogCluster>> leaves = [];
    private readonly Dictionary<(int Length, int Depth, int Parent), int> childCounts = [];
    private readonly HashSet<(int Length, int Depth, int Parent, int Token)> knownChildren = [];
    private int[] buffer = new int[64];
    private char[] scratch = new char[256];

    /// <summary>Creates a miner.</summary>
    /// <param name="options">Settings; the defaults when <see langword="null"/>.</param>
    public TemplateMiner(TemplateMinerOptions? options = null)
    {
        this.options = options ?? new TemplateMinerOptions();
        if (this.options.SimilarityThreshold is < 0 or > 1 || double.IsNaN(this.options.SimilarityThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "SimilarityThreshold must lie in [0, 1]");
        }

        if (this.options.MaxTokens < 1 || this.options.MaxChildren < 1 || this.options.MaxClusters < 1 || this.options.LeadingTokens is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxTokens, MaxChildren and MaxClusters must be positive; LeadingTokens 0, 1 or 2");
        }

        vocabulary = new TokenVocabulary(this.options.VocabularyCapacity);
    }

    /// <summary>Templates mined so far (before <see cref="Complete"/>'s merging).</summary>
    public int ClusterCount => clusters.Count;

    /// <summary>Adds one message (the content part of a log line) and returns the id of the template it joined.</summary>
    /// <param name="content">The message.</param>
    /// <returns>A template id, valid for <see cref="Complete"/>'s result.</returns>
    public int Add(ReadOnlySpan<char> content)
    {
        var length = Tokenize(content, intern: true);
        var tokens = buffer.AsSpan(0, length);
        var key = Route(tokens, learn: true);
        if (!leaves.TryGetValue(key, out var leaf))
        {
            leaf = [];
            leaves.Add(key, leaf);
        }

        var best = FindBest(leaf, tokens, options.SimilarityThreshold);
        if (best is null && clusters.Count >= options.MaxClusters)
        {
            best = FindBest(leaf, tokens, 0.0);
        }

        if (best is null)
        {
            best = new LogCluster(clusters.Count, tokens.ToArray());
            clusters.Add(best);
            leaf.Add(best);
            return best.Id;
        }

        best.Size++;
        var template = best.Tokens;
        var changed = false;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != tokens[i] && template[i] != TokenVocabulary.Wildcard)
            {
                template[i] = TokenVocabulary.Wildcard;
                changed = true;
            }
        }

        if (changed)
        {
            best.Constants = LogCluster.CountConstants(template);
        }

        return best.Id;
    }

    /// <summary>
    /// Finds the template a message belongs to without learning anything (for scoring with a trained model), or -1.
    /// </summary>
    /// <param name="content">The message.</param>
    /// <returns>A template id, or -1 when no template is similar enough.</returns>
    public int Match(ReadOnlySpan<char> content)
    {
        var length = Tokenize(content, intern: false);
        var tokens = buffer.AsSpan(0, length);
        var key = Route(tokens, learn: false);
        return leaves.TryGetValue(key, out var leaf) && FindBest(leaf, tokens, options.SimilarityThreshold) is { } best ? best.Id : -1;
    }

    /// <summary>The template text of a mined template id, as it stands now.</summary>
    /// <param name="clusterId">An id returned by <see cref="Add"/>.</param>
    /// <returns>The template with <c>&lt;*&gt;</c> for variables.</returns>
    public string Template(int clusterId) => Join(clusters[clusterId].Tokens);

    /// <summary>
    /// Ends the stream: merges templates that came out the same, and templates whose every fixed token is matched by a
    /// more general template of the same length (they were split only because the tree routed them apart), and
    /// numbers the resulting events in order of first appearance.
    /// </summary>
    /// <returns>The final grouping.</returns>
    public TemplateSet Complete()
    {
        var parent = new int[clusters.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        if (options.MergeAfterStream)
        {
            TemplateMerging.Merge(clusters, parent, options);
        }

        return TemplateSet.Build(clusters, parent, this);
    }

    internal string Join(ReadOnlySpan<int> tokens)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(vocabulary.Text(tokens[i]));
        }

        return sb.ToString();
    }

    private static LogCluster? FindBest(List<LogCluster> leaf, ReadOnlySpan<int> tokens, double threshold)
    {
        LogCluster? best = null;
        var bestSim = -1.0;
        var bestConstants = int.MaxValue;
        foreach (var cluster in leaf)
        {
            var template = cluster.Tokens;
            var matches = 0;
            for (var i = 0; i < template.Length; i++)
            {
                var t = template[i];
                if (t != TokenVocabulary.Wildcard && t == tokens[i])
                {
                    matches++;
                }
            }

            var sim = cluster.Constants == 0 ? 1.0 : (double)matches / cluster.Constants;
            if (sim > bestSim || (sim == bestSim && cluster.Constants < bestConstants))
            {
                best = cluster;
                bestSim = sim;
                bestConstants = cluster.Constants;
            }
        }

        return best is not null && bestSim >= threshold ? best : null;
    }

    private LeafKey Route(ReadOnlySpan<int> tokens, bool learn)
    {
        var first = TokenVocabulary.Wildcard;
        var second = TokenVocabulary.Wildcard;
        if (options.LeadingTokens >= 1 && tokens.Length >= 1)
        {
            first = Child(tokens.Length, 1, TokenVocabulary.Wildcard, tokens[0], learn);
        }

        if (options.LeadingTokens >= 2 && tokens.Length >= 2)
        {
            second = Child(tokens.Length, 2, first, tokens[1], learn);
        }

        return new LeafKey(tokens.Length, first, second);
    }

    private int Child(int length, int depth, int parentToken, int token, bool learn)
    {
        if (token == TokenVocabulary.Wildcard || knownChildren.Contains((length, depth, parentToken, token)))
        {
            return token;
        }

        childCounts.TryGetValue((length, depth, parentToken), out var count);
        if (!learn || count >= options.MaxChildren)
        {
            return TokenVocabulary.Wildcard;
        }

        knownChildren.Add((length, depth, parentToken, token));
        childCounts[(length, depth, parentToken)] = count + 1;
        return token;
    }

    /// <summary>Splits on single spaces and tabs (empty tokens kept, so an empty value still holds its place).</summary>
    private int Tokenize(ReadOnlySpan<char> content, bool intern)
    {
        content = content.Trim();
        var count = 0;
        var max = options.MaxTokens;
        while (true)
        {
            var end = content.IndexOfAny(' ', '\t');
            var token = end < 0 ? content : content[..end];
            if (count == max - 1 && end >= 0)
            {
                // Too many tokens: the rest of the line becomes one trailing variable.
                Push(ref count, TokenVocabulary.Wildcard);
                break;
            }

            Push(ref count, TokenId(token, intern));
            if (end < 0)
            {
                break;
            }

            content = content[(end + 1)..];
        }

        return count;
    }

    private void Push(ref int count, int id)
    {
        if (count == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        buffer[count++] = id;
    }

    private int TokenId(ReadOnlySpan<char> token, bool intern)
    {
        switch (VariableMasker.Classify(token, out var keyLength))
        {
            case VariableMasker.Masking.Variable:
                return TokenVocabulary.Wildcard;
            case VariableMasker.Masking.KeyedVariable:
                var needed = keyLength + TokenVocabulary.WildcardText.Length;
                if (scratch.Length < needed)
                {
                    scratch = new char[needed * 2];
                }

                token[..keyLength].CopyTo(scratch);
                TokenVocabulary.WildcardText.AsSpan().CopyTo(scratch.AsSpan(keyLength));
                token = scratch.AsSpan(0, needed);
                break;
        }

        if (intern)
        {
            return vocabulary.Intern(token);
        }

        // Matching only: an unknown token is fixed text no template has (-1 equals no template token).
        var id = vocabulary.Find(token);
        return id == TokenVocabulary.Wildcard ? -1 : id;
    }

    private readonly record struct LeafKey(int Length, int First, int Second);
}
