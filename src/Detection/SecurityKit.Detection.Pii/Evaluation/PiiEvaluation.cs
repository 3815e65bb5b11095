using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SecurityKit.Detection.Pii.Evaluation;

/// <summary>
/// Scores a detector against a labelled corpus: precision, recall and F1 per entity type, counting a prediction as
/// correct only when its start, end and type all equal a gold entity's (the strict CoNLL-style criterion).
/// </summary>
public static class PiiEvaluation
{
    /// <summary>Reads a JSONL corpus: <c>{"id","text","entities":[{"start","end","type"}],"split"?}</c> per line.</summary>
    /// <param name="reader">The corpus.</param>
    /// <param name="source">Name of the corpus for error locations.</param>
    /// <returns>The labelled texts.</returns>
    public static List<LabelledText> ReadCorpus(TextReader reader, string source = "corpus")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var texts = new List<LabelledText>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var text = root.GetProperty("text").GetString() ?? string.Empty;
                var entities = new List<PiiEntity>();
                if (root.TryGetProperty("entities", out var array))
                {
                    foreach (var e in array.EnumerateArray())
                    {
                        var typeName = e.GetProperty("type").GetString() ?? string.Empty;
                        if (!PiiEntityTypeNames.TryParse(typeName, out var type))
                        {
                            throw new SecurityKitException($"unknown entity type '{typeName}'", $"{source} line {lineNumber}");
                        }

                        var start = e.GetProperty("start").GetInt32();
                        var end = e.GetProperty("end").GetInt32();
                        if (start < 0 || end > text.Length || start >= end)
                        {
                            throw new SecurityKitException("entity offsets outside the text", $"{source} line {lineNumber}");
                        }

                        entities.Add(new PiiEntity(start, end, type, 1));
                    }
                }

                var id = root.TryGetProperty("id", out var idElement) ? idElement.ToString() : lineNumber.ToString(CultureInfo.InvariantCulture);
                var split = root.TryGetProperty("split", out var splitElement) ? splitElement.GetString() ?? string.Empty : string.Empty;
                texts.Add(new LabelledText(id, text, entities, split));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new SecurityKitException($"invalid corpus line: {e.GetType().Name}", $"{source} line {lineNumber}");
            }
        }

        return texts;
    }

    /// <summary>Runs <paramref name="detector"/> on every text and scores it per type.</summary>
    /// <param name="detector">The detector.</param>
    /// <param name="corpus">The labelled texts.</param>
    /// <returns>One score per type, in contract order.</returns>
    public static IReadOnlyList<TypeScore> Score(PiiDetector detector, IEnumerable<LabelledText> corpus)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(corpus);
        var count = PiiEntityTypeNames.All.Count;
        var tp = new int[count];
        var fp = new int[count];
        var fn = new int[count];
        foreach (var item in corpus)
        {
            var predicted = detector.Detect(item.Text);
            var gold = new HashSet<(int, int, PiiEntityType)>(item.Entities.Select(e => (e.Start, e.End, e.Type)));
            foreach (var p in predicted)
            {
                if (gold.Remove((p.Start, p.End, p.Type)))
                {
                    tp[(int)p.Type]++;
                }
                else
                {
                    fp[(int)p.Type]++;
                }
            }

            foreach (var (_, _, type) in gold)
            {
                fn[(int)type]++;
            }
        }

        return [.. PiiEntityTypeNames.All.Select(t => new TypeScore(t, tp[(int)t], fp[(int)t], fn[(int)t]))];
    }

    /// <summary>
    /// Lists every disagreement of <paramref name="detector"/> with the gold labels (strict span match), in corpus
    /// order, to read what a change wins and loses; only types in <paramref name="types"/> when given.
    /// </summary>
    /// <param name="detector">The detector.</param>
    /// <param name="corpus">The labelled texts.</param>
    /// <param name="types">Types to list; all when <see langword="null"/> or empty.</param>
    /// <returns>False positives and misses.</returns>
    public static IReadOnlyList<EvaluationError> Errors(PiiDetector detector, IEnumerable<LabelledText> corpus, IReadOnlyCollection<PiiEntityType>? types = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(corpus);
        var errors = new List<EvaluationError>();
        foreach (var item in corpus)
        {
            var predicted = detector.Detect(item.Text).Where(p => types is null || types.Count == 0 || types.Contains(p.Type)).ToList();
            var gold = item.Entities.Where(g => types is null || types.Count == 0 || types.Contains(g.Type)).ToList();
            var goldKeys = gold.Select(g => (g.Start, g.End, g.Type)).ToHashSet();
            var predictedKeys = predicted.Select(p => (p.Start, p.End, p.Type)).ToHashSet();
            var found = new List<EvaluationError>();
            foreach (var p in predicted.Where(p => !goldKeys.Contains((p.Start, p.End, p.Type))))
            {
                found.Add(new EvaluationError(item.Id, p.Type, true, p.Start, p.End, item.Text[p.Start..p.End], p.Score, ContextOf(item.Text, p.Start, p.End)));
            }

            foreach (var g in gold.Where(g => !predictedKeys.Contains((g.Start, g.End, g.Type))))
            {
                var overlapping = predicted.Where(p => p.Type == g.Type && p.Start < g.End && g.Start < p.End).Select(p => p.Score).DefaultIfEmpty(0).Max();
                found.Add(new EvaluationError(item.Id, g.Type, false, g.Start, g.End, item.Text[g.Start..g.End], overlapping, ContextOf(item.Text, g.Start, g.End)));
            }

            errors.AddRange(found.OrderBy(e => e.Start));
        }

        return errors;
    }

    /// <summary>Formats errors one a line: <c>FN PERSON  id  [start,end) score  «value»  …context…</c>.</summary>
    /// <param name="errors">The errors.</param>
    /// <returns>The listing.</returns>
    public static string FormatErrors(IReadOnlyList<EvaluationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        foreach (var e in errors)
        {
            sb.AppendLine(ci, $"{(e.IsFalsePositive ? "FP" : "FN")} {e.Type.ToName(),-16} {e.TextId,-14} [{e.Start},{e.End}) {e.Score:F2}  «{e.Value.Replace("\n", "⏎", StringComparison.Ordinal)}»  {e.Context}");
        }

        return sb.ToString();
    }

    private static string ContextOf(string text, int start, int end)
    {
        var from = Math.Max(0, start - 30);
        var to = Math.Min(text.Length, end + 30);
        return (text[from..start] + "[" + text[start..end] + "]" + text[end..to])
            .Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "⏎", StringComparison.Ordinal);
    }

    /// <summary>Formats scores as a fixed-width table with a micro-averaged total line.</summary>
    /// <param name="scores">The per-type scores.</param>
    /// <returns>The table.</returns>
    public static string Format(IReadOnlyList<TypeScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(ci, $"{"type",-18} {"precision",9} {"recall",7} {"f1",6} {"support",8} {"tp",6} {"fp",5} {"fn",5}");
        foreach (var s in scores)
        {
            sb.AppendLine(ci, $"{s.Type.ToName(),-18} {s.Precision,9:F3} {s.Recall,7:F3} {s.F1,6:F3} {s.Support,8} {s.TruePositives,6} {s.FalsePositives,5} {s.FalseNegatives,5}");
        }

        var total = new TypeScore(PiiEntityType.Person, scores.Sum(s => s.TruePositives), scores.Sum(s => s.FalsePositives), scores.Sum(s => s.FalseNegatives));
        sb.AppendLine(ci, $"{"ALL (micro)",-18} {total.Precision,9:F3} {total.Recall,7:F3} {total.F1,6:F3} {total.Support,8} {total.TruePositives,6} {total.FalsePositives,5} {total.FalseNegatives,5}");
        return sb.ToString();
    }
}
