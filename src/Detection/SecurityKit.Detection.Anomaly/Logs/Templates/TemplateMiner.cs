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
    private readonly List<LogCluster> variants = [];
    private readonly Dictionary<int[], int> sequences = new(VariantKeyComparer.Instance);
    private readonly Dictionary<int[], int>.AlternateLookup<ReadOnlySpan<int>> knownSequences;
    private readonly List<long> variantSizes = [];
    private int[] buffer = new int[64];
    private int[] variantKey = new int[64];
    private (int Start, int Length)[] spans = new (int, int)[64];
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
        knownSequences = sequences.GetAlternateLookup<ReadOnlySpan<int>>();
    }

    /// <summary>Templates mined so far (before <see cref="Complete"/>'s merging).</summary>
    public int ClusterCount => clusters.Count;

    /// <summary>
    /// Adds one message (the content part of a log line) and returns its variant id, to be resolved to an event by
    /// <see cref="Complete"/>'s result.
    /// </summary>
    /// <param name="content">The message.</param>
    /// <returns>A variant id.</returns>
    public int Add(ReadOnlySpan<char> content)
    {
        var length = Tokenize(content, intern: true);
        var tokens = buffer.AsSpan(0, length);

        // Fast path: a masked message seen before joins the same template and variant (its template can only have
        // become more general since, and its words are already recorded).
        if (knownSequences.TryGetValue(tokens, out var known))
        {
            variants[known].Size++;
            variantSizes[known]++;
            return known;
        }

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
            best = new LogCluster(clusters.Count, tokens.ToArray(), options.FewValuedLimit, options.FewValuedConstantLimit);
            clusters.Add(best);
            leaf.Add(best);
        }
        else
        {
            var template = best.Tokens;
            var changed = false;
            for (var i = 0; i < template.Length; i++)
            {
                if (template[i] != tokens[i] && template[i] != TokenVocabulary.Wildcard)
                {
                    var keyToken = vocabulary.KeyOf(tokens[i]);
                    if (keyToken > 0 && vocabulary.KeyOf(template[i]) == keyToken)
                    {
                        // Same key, other value: the position stays fixed text "key=<*>" (still a constant).
                        changed |= template[i] != keyToken;
                        template[i] = keyToken;
                        continue;
                    }

                    template[i] = TokenVocabulary.Wildcard;
                    changed = true;
                }
            }

            if (changed)
            {
                best.Constants = LogCluster.CountConstants(template);
            }
        }

        best.Size++;
        var variant = Variant(best, tokens);
        if (sequences.Count < options.MaxClusters * 4)
        {
            knownSequences.TryAdd(tokens, variant);
        }

        return variant;
    }

    /// <summary>
    /// Ends the stream: splits templates at positions that only ever held a few fixed words (a state, a keyword),
    /// merges templates that came out the same, that differ only in how many values a run of values holds, or whose
    /// every fixed token is matched by a more general template of the same length, and numbers the resulting events
    /// in order of first appearance.
    /// </summary>
    /// <returns>The final grouping.</returns>
    public TemplateSet Complete()
    {
        var units = new List<LogCluster>();
        var unitOfVariant = new int[variants.Count];
        var groups = options.MergeAfterStream
            ? TemplateMerging.GroupSimilar(clusters, options, this)
            : clusters.Select(c => (Members: new List<LogCluster> { c }, c.Tokens)).ToList();
        foreach (var (members, tokens) in groups)
        {
            var cluster = members.Count == 1 ? members[0] : LogCluster.Combine(members, tokens, options.FewValuedLimit, options.FewValuedConstantLimit);
            var split = new List<int>();
            if (options.FewValuedLimit > 0 && !cluster.Unsplittable)
            {
                for (var p = 0; p < cluster.Tokens.Length; p++)
                {
                    var token = cluster.Tokens[p];
                    var keyed = token != TokenVocabulary.Wildcard && vocabulary.KeyOf(token) == token;
                    if ((token == TokenVocabulary.Wildcard || keyed) && cluster.IsFewValued(p, keyed))
                    {
                        split.Add(p);
                    }
                }
            }

            var unitOfKey = new Dictionary<int[], int>(VariantKeyComparer.Instance);
            foreach (var (variantKey, variantId) in members.SelectMany(m => m.Variants).OrderBy(v => v.Value))
            {
                var unitTokens = (int[])cluster.Tokens.Clone();
                foreach (var p in split)
                {
                    unitTokens[p] = variantKey[p];
                }

                if (!unitOfKey.TryGetValue(unitTokens, out var unit))
                {
                    unit = units.Count;
                    unitOfKey.Add(unitTokens, unit);
                    units.Add(new LogCluster(unit, unitTokens, 0) { FirstUnit = variantId });
                }

                units[unit].Size += variantSizes[variantId];
                unitOfVariant[variantId] = unit;
            }
        }

        // Units are numbered per template; renumber them by first appearance (smallest variant id) for stable events.
        var order = units.OrderBy(u => u.FirstUnit).Select(u => u.Id).ToArray();
        var rank = new int[units.Count];
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        var ordered = order.Select((u, i) => new LogCluster(i, units[u].Tokens, 0) { Size = units[u].Size }).ToList();
        for (var v = 0; v < unitOfVariant.Length; v++)
        {
            unitOfVariant[v] = rank[unitOfVariant[v]];
        }

        var parent = new int[ordered.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        if (options.MergeAfterStream)
        {
            TemplateMerging.Merge(ordered, parent, options, this);
        }

        return TemplateSet.Build(ordered, parent, unitOfVariant, this);
    }

    private int Variant(LogCluster cluster, ReadOnlySpan<int> tokens)
    {
        // The variant key keeps the words at positions that are still few-valued; values become wildcards.
        var key = variantKey.Length >= tokens.Length ? variantKey : variantKey = new int[tokens.Length * 2];
        for (var p = 0; p < tokens.Length; p++)
        {
            var token = tokens[p];
            key[p] = cluster.Observe(p, token, vocabulary.IsValueLike(token), vocabulary.IsValueLikeAfterKey(token), vocabulary.IsCodeConstant(token)) ? token : TokenVocabulary.Wildcard;
        }

        var span = key.AsSpan(0, tokens.Length);
        var lookup = cluster.Variants.GetAlternateLookup<ReadOnlySpan<int>>();
        if (lookup.TryGetValue(span, out var id))
        {
            variantSizes[id]++;
            return id;
        }

        if (cluster.Variants.Count >= options.MaxVariantsPerTemplate)
        {
            // Too many variants: the template will not be split; its extra messages share its first variant.
            cluster.Unsplittable = true;
            id = cluster.Variants.Values.Min();
            variantSizes[id]++;
            return id;
        }

        id = variants.Count;
        variants.Add(cluster);
        variantSizes.Add(1);
        lookup.TryAdd(span, id);
        return id;
    }

    /// <summary>The online template (before merging and splitting) a variant id belongs to.</summary>
    /// <param name="variantId">A value returned by <see cref="Add"/>.</param>
    /// <returns>The template's index in creation order.</returns>
    public int TemplateOf(int variantId) => variants[variantId].Id;

    /// <summary>The text of an online template as it stands now.</summary>
    /// <param name="templateIndex">A value returned by <see cref="TemplateOf"/>.</param>
    /// <returns>The template with <c>&lt;*&gt;</c> for variables.</returns>
    public string OnlineTemplate(int templateIndex) => Join(clusters[templateIndex].Tokens);

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

    private LogCluster? FindBest(List<LogCluster> leaf, ReadOnlySpan<int> tokens, double threshold)
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
                if (t != TokenVocabulary.Wildcard && (t == tokens[i] || vocabulary.KeyOf(tokens[i]) == t))
                {
                    matches++;
                }
                else if (t != TokenVocabulary.Wildcard && (vocabulary.IsEndpoint(t) || vocabulary.IsEndpoint(tokens[i])))
                {
                    matches = -1; // another request path: another operation, never the same template
                    break;
                }
            }

            if (matches < 0)
            {
                continue;
            }

            var sim = cluster.Constants == 0 ? 1.0 : (double)matches / cluster.Constants;
            if (cluster.Constants - matches == 1 && cluster.Constants >= 3 && sim < threshold && threshold > 0)
            {
                // One differing word in a short message counts as similar enough: a fixed share of a three-word
                // message would otherwise split "Invalid user alice" from "Invalid user bob".
                sim = threshold;
            }

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
            first = Child(tokens.Length, 1, TokenVocabulary.Wildcard, RoutingToken(tokens[0]), learn);
        }

        if (options.LeadingTokens >= 2 && tokens.Length >= 2)
        {
            second = Child(tokens.Length, 2, first, RoutingToken(tokens[1]), learn);
        }

        return new LeafKey(tokens.Length, first, second);
    }

    /// <summary>Whether a token is a value with at most punctuation around it.</summary>
    internal bool IsValueLike(int token) => vocabulary.IsValueLike(token);

    /// <summary>Whether a token is a <c>key=value</c> token (its key kept, its value masked or not).</summary>
    internal bool IsKeyed(int token) => token != TokenVocabulary.Wildcard && vocabulary.KeyOf(token) > 0;

    /// <summary>Whether a token is the path of a request line.</summary>
    internal bool IsEndpoint(int token) => vocabulary.IsEndpoint(token);

    /// <summary>A <c>key=value</c> token routes by its key alone: its value is a variable.</summary>
    private int RoutingToken(int token) => vocabulary.KeyOf(token) is > 0 and var key ? key : token;

    /// <summary>Whether template token <paramref name="template"/> accepts message token <paramref name="token"/>.</summary>
    internal bool Accepts(int template, int token) => template == token || (template != TokenVocabulary.Wildcard && vocabulary.KeyOf(token) == template);

    /// <summary>The token two templates share at a position: the same token, their common <c>key=&lt;*&gt;</c>, or a wildcard.</summary>
    internal int Common(int a, int b) => a == b ? a : vocabulary.KeyOf(a) is > 0 and var key && vocabulary.KeyOf(b) == key ? key : TokenVocabulary.Wildcard;

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

    /// <summary>
    /// Splits a message into tokens at runs of spaces and tabs and masks values. Besides <see cref="VariableMasker"/>'s
    /// per-token rules, two rules look at neighbours: a byte unit right after a number (<c>2.1 KB</c>) and a month or
    /// weekday name next to a number (<c>Sun Dec 04 04:47:44 2005</c>) are part of the value.
    /// </summary>
    private int Tokenize(ReadOnlySpan<char> content, bool intern)
    {
        content = content.Trim();
        var spanCount = 0;
        var position = 0;
        var max = options.MaxTokens;
        while (position < content.Length)
        {
            var rest = content[position..];
            var end = rest.IndexOfAny(' ', '\t');
            if (end > 0 && position > 0 && (rest[0] is '"' or '\'' || rest[..end].Contains("=\"", StringComparison.Ordinal)))
            {
                var quoted = QuotedEnd(rest, end);
                end = quoted < 0 ? end : quoted == rest.Length ? -1 : quoted;
            }
            else if (end > 0 && position > 0 && rest[0] is '[' or '(')
            {
                var list = ListEnd(rest, end);
                end = list < 0 ? end : list == rest.Length ? -1 : list;
            }

            var length = end < 0 ? rest.Length : end;
            if (spanCount == max - 1 && end >= 0)
            {
                // Too many tokens: the rest of the line becomes one trailing variable.
                AddSpan(ref spanCount, -1, 0);
                break;
            }

            AddSpan(ref spanCount, position, length);
            position += length;
            while (position < content.Length && content[position] is ' ' or '\t')
            {
                position++;
                if (!options.CollapseWhitespace)
                {
                    break;
                }
            }
        }

        if (spanCount == 0)
        {
            AddSpan(ref spanCount, 0, 0);
        }

        if (buffer.Length < spanCount)
        {
            buffer = new int[spanCount * 2];
        }

        for (var i = 0; i < spanCount; i++)
        {
            var (start, len) = spans[i];
            buffer[i] = start < 0 || content.Slice(start, len).ContainsAny(' ', '\t') ? TokenVocabulary.Wildcard : TokenId(content.Slice(start, len), intern);
        }

        for (var i = 0; i < spanCount; i++)
        {
            if (buffer[i] == TokenVocabulary.Wildcard || spans[i].Start < 0)
            {
                continue;
            }

            var token = content.Slice(spans[i].Start, spans[i].Length);
            var previousIsValue = i > 0 && buffer[i - 1] == TokenVocabulary.Wildcard && spans[i - 1].Start >= 0 && EndsWithDigit(content.Slice(spans[i - 1].Start, spans[i - 1].Length));
            var nextIsValue = i + 1 < spanCount && buffer[i + 1] == TokenVocabulary.Wildcard;
            if ((previousIsValue && ValueWords.IsUnit(token)) || ((previousIsValue || nextIsValue) && ValueWords.IsCalendarName(token)))
            {
                buffer[i] = TokenVocabulary.Wildcard;
            }
        }

        // The path of a quoted request line ("GET /v2.1/<*>/servers/detail HTTP/1.1") names the operation: see RequestPath.
        for (var i = 1; i < spanCount && intern; i++)
        {
            if (spans[i].Start >= 0 && spans[i - 1].Start >= 0
                && RequestPath(content.Slice(spans[i - 1].Start, spans[i - 1].Length), content.Slice(spans[i].Start, spans[i].Length)) is { } path)
            {
                buffer[i] = vocabulary.Intern(path);
                vocabulary.MarkEndpoint(buffer[i]);
            }
        }

        // A weekday before a month before a day: mask calendar names from the right too.
        for (var i = spanCount - 2; i >= 0; i--)
        {
            if (buffer[i] != TokenVocabulary.Wildcard && spans[i].Start >= 0 && buffer[i + 1] == TokenVocabulary.Wildcard
                && ValueWords.IsCalendarName(content.Slice(spans[i].Start, spans[i].Length)))
            {
                buffer[i] = TokenVocabulary.Wildcard;
            }
        }

        return spanCount;
    }

    /// <summary>
    /// Where a token that opens a quoted string holding spaces ends, or -1. A double or single quote at the token's start,
    /// or a double quote right after <c>=</c> (<c>agent="Mozilla/5.0 (X11; Linux x86_64)"</c>), runs to its closing quote
    /// (one not followed by a letter or digit, so "it's" closes nothing) and then to the next space: the string is one
    /// value (a user agent, a file name, a user's text), so the message keeps one token count whatever it holds. Not at
    /// the start of a message (structured logs quote the message itself there: <c>"Pod started" pod="a/b"</c>), and
    /// not when the string quotes values itself (<c>"</c> inside): that is a message with its own fixed words, and not
    /// when a free-standing string opens with an upper-case verb (<c>"GET /servers HTTP/1.1"</c>).
    /// </summary>
    private static int QuotedEnd(ReadOnlySpan<char> rest, int firstSpace)
    {
        var token = rest[..firstSpace];
        var open = token[0] is '"' or '\'' ? 0 : token.IndexOf("=\"", StringComparison.Ordinal) + 1;
        var quote = rest[open];
        if (token[(open + 1)..].Contains(quote))
        {
            return -1; // closed within the token: no space inside
        }

        if (open == 0 && TokenVocabulary.IsUpperCaseIdentifier(token[1..]))
        {
            // A free-standing quoted string that opens with an upper-case verb is a request or command line
            // ("GET /a HTTP/1.1", "DELETE …"): its verb is fixed text that tells messages apart, so it stays tokens.
            return -1;
        }

        var close = Window(rest[(firstSpace + 1)..]).IndexOf(quote);
        if (close < 0)
        {
            return -1;
        }

        close += firstSpace + 1;
        if ((close + 1 < rest.Length && char.IsLetterOrDigit(rest[close + 1])) || rest[open..close].Contains('\\'))
        {
            return -1; // an apostrophe inside a word, or a string that quotes other strings
        }

        var after = rest[(close + 1)..].IndexOfAny(' ', '\t');
        return after < 0 ? rest.Length : close + 1 + after;
    }

    /// <summary>
    /// The path of a request line written as a template token, or <see langword="null"/>: after a token that opens a
    /// quoted string with an upper-case verb (<c>"GET</c>, <c>"DELETE</c>: RFC 9110 §9 methods, RFC 9112 §3 request line),
    /// a token starting with <c>/</c> is the request target. Its segments without digits name the resource the request
    /// acts on (<c>servers</c>, <c>detail</c>), so they stay, while segments holding a digit (ids, versions, dates) and the
    /// query (RFC 3986 §3.4) are values: <c>/v2.1/8a1f/servers/detail?limit=5</c> becomes <c>/&lt;*&gt;/&lt;*&gt;/servers/detail?&lt;*&gt;</c>.
    /// Elsewhere a path stays one value (a file name varies with the data, a request target with the operation).
    /// </summary>
    private static string? RequestPath(ReadOnlySpan<char> previous, ReadOnlySpan<char> token)
    {
        if (token.Length < 2 || token[0] != '/' || previous.Length < 2 || previous[0] != '"' || !TokenVocabulary.IsUpperCaseIdentifier(previous[1..]))
        {
            return null;
        }

        var query = token.IndexOfAny('?', '#');
        var path = query < 0 ? token : token[..query];
        var trailer = path.Length;
        while (trailer > 0 && path[trailer - 1] is '"' or '\'')
        {
            trailer--; // a closing quote when the request line has no protocol
        }

        var sb = new StringBuilder(token.Length);
        foreach (var range in path[..trailer].Split('/'))
        {
            var segment = path[range];
            if (range.Start.Value > 0)
            {
                sb.Append('/');
            }

            sb.Append(segment.IndexOfAnyInRange('0', '9') >= 0 ? TokenVocabulary.WildcardText : segment);
        }

        if (query >= 0)
        {
            sb.Append(token[query]).Append(TokenVocabulary.WildcardText);
        }

        return sb.Append(path[trailer..]).ToString();
    }

    /// <summary>
    /// Where a bracketed list that holds spaces ends, or -1: a token opening with <c>[</c> or <c>(</c> whose closing
    /// bracket comes after a comma and a space and before any other opening bracket (<c>roles [admin, ops, audit]</c>,
    /// <c>VALUES ($1, $2, $3)</c>) runs to that bracket and then to the next space. A list of any length is one value,
    /// so the message keeps one token count. Not at the start of a message (a bracketed prefix such as
    /// <c>[Consumer clientId=a, groupId=b]</c> is the message's context, with its own fixed words).
    /// </summary>
    private static int ListEnd(ReadOnlySpan<char> rest, int firstSpace)
    {
        var close = rest[0] == '[' ? ']' : ')';
        var inner = Window(rest[1..]);
        var end = inner.IndexOf(close);
        if (end < firstSpace - 1 || inner[..end].IndexOfAny("[(\"") >= 0 || !inner[..end].Contains(", ", StringComparison.Ordinal))
        {
            return -1; // closed within the first token, nested, or not a comma-separated list
        }

        end += 2; // past the closing bracket, in rest
        var after = rest[end..].IndexOfAny(' ', '\t');
        return after < 0 ? rest.Length : end + after;
    }

    /// <summary>
    /// The part of a line searched for a closing quote or bracket: at most <see cref="MaxSpan"/> characters, so a line
    /// of unclosed quotes costs linear time, not quadratic (each of its tokens would otherwise search the whole rest).
    /// </summary>
    private static ReadOnlySpan<char> Window(ReadOnlySpan<char> text) => text.Length <= MaxSpan ? text : text[..MaxSpan];

    private const int MaxSpan = 1024;

    private static bool EndsWithDigit(ReadOnlySpan<char> token)
    {
        token = token.TrimEnd(",;:)]");
        return token.Length > 0 && char.IsAsciiDigit(token[^1]);
    }

    private void AddSpan(ref int count, int start, int length)
    {
        if (count == spans.Length)
        {
            Array.Resize(ref spans, spans.Length * 2);
        }

        spans[count++] = (start, length);
    }

    private int TokenId(ReadOnlySpan<char> token, bool intern)
    {
        var needed = (token.Length * 3) + 3;
        if (scratch.Length < needed)
        {
            scratch = new char[needed * 2];
        }

        var length = VariableMasker.Mask(token, scratch);
        if (length < 0)
        {
            return TokenVocabulary.Wildcard;
        }

        var masked = scratch.AsSpan(0, length);
        if (intern)
        {
            return vocabulary.Intern(masked);
        }

        // Matching only: an unknown token is fixed text no template has (-1 equals no template token).
        var id = vocabulary.Find(masked);
        return id == TokenVocabulary.Wildcard ? -1 : id;
    }

    private readonly record struct LeafKey(int Length, int First, int Second);
}
