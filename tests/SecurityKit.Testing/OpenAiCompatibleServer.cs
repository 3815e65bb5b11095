using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SecurityKit.Testing;

/// <summary>
/// A local HTTP server on a free loopback port that speaks the OpenAI chat-completions protocol
/// (<c>POST /v1/chat/completions</c>, answers whole or streamed as server-sent events) and records every request body
/// it receives, so that tests can assert what would have reached a model. The answer is made by
/// <see cref="Responder"/> from the last user message (by default it echoes it); streamed answers are cut into
/// chunks of <see cref="StreamChunkLength"/> characters so that words and placeholders straddle chunks.
/// </summary>
public sealed class OpenAiCompatibleServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<string> bodies = new();
    private readonly Task loop;
    private readonly CancellationTokenSource stop = new();

    private OpenAiCompatibleServer(int port)
    {
        Port = port;
        listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        listener.Start();
        loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>Base address for OpenAI clients: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/v1");

    /// <summary>Every request body received, in order.</summary>
    public IReadOnlyCollection<string> RequestBodies => bodies;

    /// <summary>Makes the answer from the last user message's text. Default: echo it.</summary>
    public Func<string, string> Responder { get; set; } = prompt => prompt;

    /// <summary>Length of the streamed chunks. Default 3.</summary>
    public int StreamChunkLength { get; set; } = 3;

    /// <summary>When set, non-streamed answers play a model that calls this tool (see <see cref="OpenAiToolCall"/>).</summary>
    public OpenAiToolCall? ToolCall { get; set; }

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <returns>The running server.</returns>
    public static OpenAiCompatibleServer Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new OpenAiCompatibleServer(FreePort.Next());
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between choosing and binding it; choose another.
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        listener.Close();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        if (context.Request.HttpMethod != "POST" || context.Request.Url?.AbsolutePath != "/v1/chat/completions")
        {
            response.StatusCode = 404;
            return;
        }

        bodies.Enqueue(body);
        using var request = JsonDocument.Parse(body);
        var model = request.RootElement.TryGetProperty("model", out var m) ? m.GetString() ?? "test" : "test";
        var stream = request.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        if (ToolCall is { } tool && !stream)
        {
            await WriteToolAnswerAsync(response, request.RootElement, model, tool).ConfigureAwait(false);
            return;
        }

        var answer = Responder(LastUserText(request.RootElement));
        if (stream)
        {
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            var output = response.OutputStream;
            for (var i = 0; i < answer.Length; i += StreamChunkLength)
            {
                var piece = answer.Substring(i, Math.Min(StreamChunkLength, answer.Length - i));
                await WriteEventAsync(output, Chunk(model, piece, finish: null)).ConfigureAwait(false);
            }

            await WriteEventAsync(output, Chunk(model, null, finish: "stop")).ConfigureAwait(false);
            await output.WriteAsync("data: [DONE]\n\n"u8.ToArray()).ConfigureAwait(false);
        }
        else
        {
            response.ContentType = "application/json";
            var json = JsonSerializer.Serialize(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 1_700_000_000,
                model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = answer }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
            });
            var bytes = Encoding.UTF8.GetBytes(json);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        }
    }

    /// <summary>A tool call, or the tool's result as the answer once the request carries it.</summary>
    private static async Task WriteToolAnswerAsync(HttpListenerResponse response, JsonElement root, string model, OpenAiToolCall tool)
    {
        string? toolResult = null;
        foreach (var m in root.GetProperty("messages").EnumerateArray())
        {
            if (m.GetProperty("role").GetString() == "tool")
            {
                toolResult = m.GetProperty("content").GetString();
            }
        }

        object message = toolResult is not null
            ? new { role = "assistant", content = toolResult }
            : new
            {
                role = "assistant",
                content = (string?)null,
                tool_calls = new[]
                {
                    new { id = "call_1", type = "function", function = new { name = tool.Name, arguments = tool.ArgumentsFor(LastUserText(root)) } },
                },
            };
        var json = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, message, finish_reason = toolResult is not null ? "stop" : "tool_calls" } },
            usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
        });
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }

    private static string Chunk(string model, string? content, string? finish) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model,
        choices = new[] { new { index = 0, delta = content is null ? (object)new { } : new { role = "assistant", content }, finish_reason = finish } },
    });

    private static async Task WriteEventAsync(Stream output, string json)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes($"data: {json}\n\n")).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private static string LastUserText(JsonElement root)
    {
        var text = string.Empty;
        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            if (message.GetProperty("role").GetString() != "user")
            {
                continue;
            }

            var content = message.GetProperty("content");
            text = content.ValueKind == JsonValueKind.String
                ? content.GetString() ?? string.Empty
                : string.Concat(content.EnumerateArray().Where(p => p.TryGetProperty("text", out _)).Select(p => p.GetProperty("text").GetString()));
        }

        return text;
    }
}
