using System.Globalization;
using System.Text.Json;
using SecurityKit.Cli.Infrastructure;
using SecurityKit.Detection.Pii;

namespace SecurityKit.Cli.Commands.Pii;

/// <summary>The JSONL loop of <c>pii scan</c>, separate from the console so that it can be tested.</summary>
internal static class PiiScanRunner
{
    public static async Task<byte[]> RunAsync(PiiDetector detector, TextReader input, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var lineNumber = 0;
            while (await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var location = string.Create(CultureInfo.InvariantCulture, $"stdin line {lineNumber}");
                JsonDocument doc;
                try
                {
                    doc = JsonDocument.Parse(line);
                }
                catch (JsonException)
                {
                    throw new CommandLineError("invalid JSON", location);
                }

                using (doc)
                {
                    var root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
                    {
                        throw new CommandLineError("expected an object with a string \"text\"", location);
                    }

                    string text;
                    try
                    {
                        text = textElement.GetString()!;
                    }
                    catch (InvalidOperationException)
                    {
                        throw new CommandLineError("\"text\" is not valid UTF-16", location);
                    }

                    IReadOnlyList<PiiEntity> entities;
                    try
                    {
                        entities = detector.Detect(text);
                    }
                    catch (PiiInputTooLargeException e)
                    {
                        throw new CommandLineError(e.Message, location);
                    }

                    writer.WriteStartObject();
                    writer.WritePropertyName("id");
                    if (root.TryGetProperty("id", out var id))
                    {
                        id.WriteTo(writer);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }

                    writer.WriteStartArray("entities");
                    foreach (var e in entities)
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("start", e.Start);
                        writer.WriteNumber("end", e.End);
                        writer.WriteString("type", e.Type.ToName());
                        writer.WriteNumber("score", Math.Round(e.Score, 2));
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    await writer.FlushAsync(ct).ConfigureAwait(false);
                    buffer.WriteByte((byte)'\n');
                    writer.Reset();
                }
            }
        }

        return buffer.ToArray();
    }
}
