using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Pii.Tests.SemanticKernel;

/// <summary>
/// A loopback OpenAI chat-completions server (non-streaming) that plays a model using a tool: to a request without a
/// tool result it answers with one call of <see cref="ToolName"/> whose arguments are made by
/// <see cref="ArgumentsFor"/> from the last user message; to a request carrying the tool's result it answers with that
/// result as text. Every request body is recorded, so that a test sees what reached the "model".
/// </summary>
internal sealed class ToolCallingOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<string> bodies = new();
    private readonly Task loop;

    private ToolCallingOpenAiServer(int port, string toolName, Func<string, string> argumentsFor)
    {
        ToolName = toolName;
        ArgumentsFor = argumentsFor;
        listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/v1");
        loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>The tool's name as the connector advertises it (plugin-function).</summary>
    public string ToolName { get; }

    /// <summary>Makes the tool call's JSON arguments from the last user message.</summary>
    public Func<string, string> ArgumentsFor { get; }

    public IReadOnlyCollection<string> RequestBodies => bodies;

    public static ToolCallingOpenAiServer Start(string toolName, Func<string, string> argumentsFor)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new ToolCallingOpenAiServer(FreePort.Next(), toolName, argumentsFor);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (listener.IsListening)
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
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        bodies.Enqueue(body);
        using var request = JsonDocument.Parse(body);
        var messages = request.RootElement.GetProperty("messages").EnumerateArray().ToList();
        var toolResult = messages.LastOrDefault(m => m.GetProperty("role").GetString() == "tool");
        object message = toolResult.ValueKind == JsonValueKind.Object
            ? new { role = "assistant", content = toolResult.GetProperty("content").GetString() }
            : new
            {
                role = "assistant",
                content = (string?)null,
                tool_calls = new[]
                {
                    new
                    {
                        id = "call_1",
                        type = "function",
                        function = new { name = ToolName, arguments = ArgumentsFor(messages.Last(m => m.GetProperty("role").GetString() == "user").GetProperty("content").GetString() ?? string.Empty) },
                    },
                },
            };
        var json = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-tool",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "test-model",
            choices = new[] { new { index = 0, message, finish_reason = toolResult.ValueKind == JsonValueKind.Object ? "stop" : "tool_calls" } },
            usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
        });
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
