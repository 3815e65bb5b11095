using SecurityKit.Detection.Pii.Recognition;

namespace SecurityKit.Detection.Pii;

/// <summary>
/// Finds personal data in a text: runs every recogniser, applies context words and per-type thresholds, and keeps
/// the best of overlapping candidates. Thread-safe; build one and share it.
/// </summary>
public sealed class PiiDetector
{
    private readonly IPiiRecognizer[] recognizers;
    private readonly PersonRecognizer? persons;
    private readonly AddressRecognizer? addresses;
    private readonly double[] thresholds;
    private readonly bool[] enabled;
    private readonly int maxTextLength;

    /// <summary>Creates a detector with the built-in recognisers and those of <paramref name="options"/>.</summary>
    /// <param name="options">Thresholds, enabled types, limits and custom recognisers; defaults when null.</param>
    public PiiDetector(PiiOptions? options = null)
    {
        options ??= new PiiOptions();
        var all = PiiEntityTypeNames.All;
        thresholds = new double[all.Count];
        enabled = new bool[all.Count];
        foreach (var type in all)
        {
            thresholds[(int)type] = options.Thresholds.TryGetValue(type.ToName(), out var t) ? t : PiiOptions.DefaultThreshold;
            enabled[(int)type] = options.EnabledTypes.Count == 0 || options.EnabledTypes.Contains(type.ToName(), StringComparer.OrdinalIgnoreCase);
        }

        foreach (var name in options.Thresholds.Keys.Concat(options.EnabledTypes))
        {
            if (!PiiEntityTypeNames.TryParse(name, out _))
            {
                throw new SecurityKitException($"unknown entity type '{name}'", PiiOptions.SectionName);
            }
        }

        maxTextLength = options.MaxTextLength;
        // The name and address recognisers share one tokenisation of the text (see Detect); the others scan characters.
        persons = enabled[(int)PiiEntityType.Person] ? new PersonRecognizer() : null;
        addresses = enabled[(int)PiiEntityType.Address] ? new AddressRecognizer() : null;
        recognizers =
        [
            new NumericIdentifierRecognizer(),
            new IbanRecognizer(),
            new EmailRecognizer(),
            new IpAddressRecognizer(),
            new LicensePlateRecognizer(),
            new DateOfBirthRecognizer(),
            .. options.CustomRecognizers.Select(o => new CustomRegexRecognizer(o)),
        ];
    }

    /// <summary>The shared detector with default options.</summary>
    public static PiiDetector Default { get; } = new();

    /// <summary>Finds the entities of <paramref name="text"/>, ordered by start offset, never overlapping.</summary>
    /// <param name="text">The text; at most <see cref="PiiOptions.MaxTextLength"/> characters.</param>
    /// <returns>The entities found.</returns>
    /// <exception cref="PiiInputTooLargeException">The text is longer than the configured limit.</exception>
    public IReadOnlyList<PiiEntity> Detect(ReadOnlySpan<char> text)
    {
        if (text.Length > maxTextLength)
        {
            throw new PiiInputTooLargeException(text.Length, maxTextLength);
        }

        var candidates = new List<PiiEntity>();
        foreach (var recognizer in recognizers)
        {
            recognizer.Recognize(text, candidates);
        }

        if (persons is not null || addresses is not null)
        {
            using var tokens = Tokenizer.Tokenize(text);
            persons?.Recognize(text, tokens, candidates);
            addresses?.Recognize(text, tokens, candidates);
        }

        return Resolve(candidates);
    }

    private List<PiiEntity> Resolve(List<PiiEntity> candidates)
    {
        candidates.RemoveAll(e => !enabled[(int)e.Type] || e.Score < thresholds[(int)e.Type] || e.Length <= 0);
        if (candidates.Count <= 1)
        {
            return candidates;
        }

        // Overlapping candidates compete: the highest score wins, then the longer span, then checksum-validated types
        // before the others. Only candidates of one cluster (a run of transitively overlapping spans) can interact, so
        // the greedy choice runs per cluster: linear in the number of candidates instead of quadratic.
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates).Sort(default(ByStartComparer));
        var kept = new List<PiiEntity>(candidates.Count);
        var cluster = new List<PiiEntity>();
        var clusterEnd = -1;
        foreach (var candidate in candidates)
        {
            if (candidate.Start >= clusterEnd && cluster.Count > 0)
            {
                Choose(cluster, kept);
                cluster.Clear();
            }

            cluster.Add(candidate);
            clusterEnd = Math.Max(clusterEnd, candidate.End);
        }

        Choose(cluster, kept);
        return kept;
    }

    /// <summary>Greedy choice within one cluster; the kept entities are appended in start order.</summary>
    private static void Choose(List<PiiEntity> cluster, List<PiiEntity> kept)
    {
        if (cluster.Count == 1)
        {
            kept.Add(cluster[0]);
            return;
        }

        cluster.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLength = b.Length.CompareTo(a.Length);
            if (byLength != 0)
            {
                return byLength;
            }

            var byType = a.Type.CompareTo(b.Type);
            return byType != 0 ? byType : a.Start.CompareTo(b.Start);
        });
        var from = kept.Count;
        foreach (var candidate in cluster)
        {
            var overlaps = false;
            for (var i = from; i < kept.Count; i++)
            {
                if (kept[i].Overlaps(candidate))
                {
                    overlaps = true;
                    break;
                }
            }

            if (!overlaps)
            {
                kept.Add(candidate);
            }
        }

        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept)[from..].Sort(default(ByStartComparer));
    }

    /// <summary>A struct comparer, so that sorting the candidates inlines the comparison.</summary>
    private readonly struct ByStartComparer : IComparer<PiiEntity>
    {
        public int Compare(PiiEntity x, PiiEntity y) => x.Start.CompareTo(y.Start);
    }
}
