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
