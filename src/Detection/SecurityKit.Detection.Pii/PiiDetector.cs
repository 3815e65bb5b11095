using SecurityKit.Detection.Pii.Recognition;

namespace SecurityKit.Detection.Pii;

/// <summary>
/// Finds personal data in a text: runs every recogniser, applies context words and per-type thresholds, and keeps
/// the best of overlapping candidates. Thread-safe; build one and share it.
/// </summary>
public sealed class PiiDetector
{
    private readonly IPiiRecognizer[] recognizers;
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
        recognizers =
        [
            new NumericIdentifierRecognizer(),
            new IbanRecognizer(),
            new EmailRecognizer(),
            new IpAddressRecognizer(),
            new LicensePlateRecognizer(),
            new DateOfBirthRecognizer(),
            new PersonRecognizer(),
            new AddressRecognizer(),
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

        return Resolve(candidates);
    }

    private List<PiiEntity> Resolve(List<PiiEntity> candidates)
    {
        candidates.RemoveAll(e => !enabled[(int)e.Type] || e.Score < thresholds[(int)e.Type] || e.Length <= 0);
        if (candidates.Count <= 1)
        {
            return candidates;
        }

        // Highest score first, then the longer span, then checksum-validated types before the others.
        candidates.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLength = b.Length.CompareTo(a.Length);
            return byLength != 0 ? byLength : a.Type.CompareTo(b.Type);
        });
        var kept = new List<PiiEntity>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var overlaps = false;
            foreach (var k in kept)
            {
                if (k.Overlaps(candidate))
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

        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }
}
