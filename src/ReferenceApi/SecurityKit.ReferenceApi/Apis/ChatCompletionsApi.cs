using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using SecurityKit.Audit;
using SecurityKit.Detection.Pii;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.Vault;
using SecurityKit.ReferenceApi.Audit;
using SecurityKit.ReferenceApi.Protection;
using SecurityKit.ReferenceApi.Security;

namespace SecurityKit.ReferenceApi.Apis;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/chat/completions</c> (scope <c>pii</c>) that any application can point its LLM
/// client at: the text of every message (string content, text parts, tool-call arguments) is anonymised with
/// placeholders by SecurityKit.Detection.Pii, the request — otherwise unchanged — goes to the configured upstream,
/// and the answer comes back with the originals restored, whole or as server-sent events (a placeholder cut across
/// two events is held back until it is complete, by the library's <see cref="StreamingRestorer"/>).
/// </summary>
/// <remarks>
/// The proxy works on the JSON of the OpenAI wire format rather than through an <c>IChatClient</c> so that fields it
/// does not know (tools, response formats, vendor extensions) pass through unchanged. Content it cannot filter —
/// images, audio, files — is refused rather than forwarded. Restoring in the same call needs no <c>pii:restore</c>
/// scope: the caller gets back only what it sent. The placeholders of a conversation are kept in the library's
/// encrypted vault under the caller and the conversation id (<see cref="ConversationHeader"/> in the request, or a
/// new id, returned in the same header), so that <c>&lt;PERSON_1&gt;</c> stays the same person across the turns of a
/// conversation — on any node sharing the vault — and a later answer naming an earlier turn's placeholder is restored.
/// </remarks>
internal static class ChatCompletionsApi
{
    public const long MaxBodyBytes = 4L * 1024 * 1024;

    /// <summary>Request and response header carrying the conversation id (same rules as <c>/pii/replace</c>'s).</summary>
    public const string ConversationHeader = "X-Conversation-Id";

    public static void AddChatCompletionsProxy(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LlmProxyOptions.Section).Get<LlmProxyOptions>() ?? new LlmProxyOptions();
        builder.Services.AddSingleton(new LlmUpstream(options));
    }

    public static IEndpointConventionBuilder MapChatCompletionsApi(this IEndpointRouteBuilder app, LlmProxyOptions options) =>
        app.MapPost("/v1/chat/completions", Complete)
            .WithTags("PII")
            .WithName("ChatCompletions")
            .WithSummary("OpenAI-compatible chat completions (stream or not): personal data is replaced before the prompt reaches the configured model and restored in its answer.")
            .Accepts<JsonObject>("application/json")
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireScope(Scopes.Pii)
            .WithAuditOperation("pii.chat")
            .WithRequestBodyLimit(MaxBodyBytes)
            .WithRequestTimeout(options.Timeout);

    private static async Task Complete(HttpContext context, LlmUpstream upstream, PiiAnonymizer anonymizer, IPlaceholderVault vault, CancellationToken cancellationToken)
    {
        if (upstream.ChatCompletions is null)
        {
            await Problem(context, StatusCodes.Status503ServiceUnavailable, "No upstream model is configured on this node (Api:Llm:Upstream).").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Problem(context, StatusCodes.Status415UnsupportedMediaType, "This endpoint expects a JSON body (Content-Type: application/json).").ConfigureAwait(false);
            return;
        }

        var givenId = context.Request.Headers[ConversationHeader].ToString();
        if (givenId.Length > 0 && !Conversations.IsValidId(givenId))
        {
            await Problem(context, StatusCodes.Status400BadRequest, $"The {ConversationHeader} header {Conversations.IdRule}.").ConfigureAwait(false);
            return;
        }

        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(context.Request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException json)
        {
            // The exception's message may quote the input; say only where.
            await Problem(context, StatusCodes.Status400BadRequest, $"The request body is not valid JSON (line {json.LineNumber ?? 0}, byte {json.BytePositionInLine ?? 0}).").ConfigureAwait(false);
            return;
        }

        // One conversation, one placeholder map: earlier turns' placeholders are reused and later answers restored.
        var conversationId = givenId.Length > 0 ? givenId : Conversations.NewId();
        var vaultKey = Conversations.VaultKey(context.User, conversationId);
        var map = await vault.GetAsync(vaultKey, cancellationToken).ConfigureAwait(false) ?? new PlaceholderMap();
        var counts = new Dictionary<PiiEntityType, int>();
        var invalid = root is JsonObject request ? FilterRequest(request, anonymizer, map, counts) : "the body must be a JSON object";
        if (invalid is not null)
        {
            await context.RecordAuditAsync(AuditOutcome.Failed, detail: "invalid request").ConfigureAwait(false);
            await Problem(context, StatusCodes.Status400BadRequest, $"Invalid chat completion request: {invalid}.").ConfigureAwait(false);
            return;
        }

        var body = (JsonObject)root!;
        var stream = body["stream"] is JsonValue s && s.TryGetValue<bool>(out var streaming) && streaming;
        var model = body["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? Bounded(name, 100) : "unspecified";
        var resource = $"model {model}, conversation {Conversations.Fingerprint(conversationId)}: {PiiApi.Summary(counts)} replaced";

        // Stored before forwarding: the next turn (on any node) must find this turn's placeholders even if this call
        // is cut short. Concurrent turns of one conversation race (the last write wins); clients send turns in order.
        await vault.SetAsync(vaultKey, map, cancellationToken).ConfigureAwait(false);
        context.Response.Headers[ConversationHeader] = conversationId;

        using var forward = new HttpRequestMessage(HttpMethod.Post, upstream.ChatCompletions)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(upstream.Options.ApiKey))
        {
            forward.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", upstream.Options.ApiKey);
        }

        HttpResponseMessage answer;
        try
        {
            answer = await upstream.Client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            await context.RecordAuditAsync(AuditOutcome.Failed, resource: resource, detail: "upstream unreachable").ConfigureAwait(false);
            await Problem(context, StatusCodes.Status502BadGateway, "The upstream model could not be reached.").ConfigureAwait(false);
            return;
        }

        using (answer)
        {
            if (!answer.IsSuccessStatusCode)
            {
                // The upstream's error body is not relayed: it may echo (filtered) input or carry upstream details.
                var status = (int)answer.StatusCode;
                await context.RecordAuditAsync(AuditOutcome.Failed, resource: resource, detail: $"upstream answered {status}").ConfigureAwait(false);
                await Problem(context, status == 429 ? StatusCodes.Status429TooManyRequests : StatusCodes.Status502BadGateway, $"The upstream model answered {status}.").ConfigureAwait(false);
                return;
            }

            var upstreamBody = await answer.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (upstreamBody.ConfigureAwait(false))
            {
                if (stream)
                {
                    await RelayStreamAsync(context, upstreamBody, map, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    if (!await RelayWholeAsync(context, upstreamBody, map, cancellationToken).ConfigureAwait(false))
                    {
                        await context.RecordAuditAsync(AuditOutcome.Failed, resource: resource, detail: "upstream answer unreadable").ConfigureAwait(false);
                        await Problem(context, StatusCodes.Status502BadGateway, "The upstream model's answer is not a chat completion.").ConfigureAwait(false);
                        return;
                    }
                }
            }
        }

        await context.RecordAuditAsync(AuditOutcome.Succeeded, resource: resource, detail: stream ? "streamed" : null).ConfigureAwait(false);
    }

    /// <summary>Replaces personal data in every message in place; returns what is wrong with the request, or null.</summary>
    private static string? FilterRequest(JsonObject request, PiiAnonymizer anonymizer, PlaceholderMap map, Dictionary<PiiEntityType, int> counts)
    {
        if (request["messages"] is not JsonArray messages || messages.Count == 0)
        {
            return "messages must be a non-empty array";
        }

        string Filter(string text)
        {
            var result = anonymizer.Anonymize(text, PiiPolicy.Default, map);
            foreach (var (type, n) in result.Counts)
            {
                counts[type] = counts.GetValueOrDefault(type) + n;
            }

            return result.Text;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message)
            {
                return $"messages[{i}] must be an object";
            }

            if (message["name"] is JsonNode participant)
            {
                // A participant's name identifies a person (OpenAI: "an optional name for the participant"), and its
                // pattern ^[a-zA-Z0-9_-]{1,64}$ leaves no room for a detector's context: every name becomes a bare
                // PERSON_n placeholder (the brackets would break that pattern), stable across the conversation.
                if (participant.GetValueKind() != JsonValueKind.String)
                {
                    return $"messages[{i}].name must be a string";
                }

                message["name"] = map.GetOrAdd(PiiEntityType.Person, participant.GetValue<string>());
                counts[PiiEntityType.Person] = counts.GetValueOrDefault(PiiEntityType.Person) + 1;
            }

            switch (message["content"])
            {
                case null:
                    break;
                case JsonValue value when value.TryGetValue<string>(out var text):
                    message["content"] = Filter(text);
                    break;
                case JsonArray parts:
                    for (var p = 0; p < parts.Count; p++)
                    {
                        if (parts[p] is not JsonObject part || part["type"]?.GetValueKind() != JsonValueKind.String)
                        {
                            return $"messages[{i}].content[{p}] must be an object with a type";
                        }

                        if (part["type"]!.GetValue<string>() is not ("text" or "input_text") || part["text"] is not JsonValue partText || !partText.TryGetValue<string>(out var t))
                        {
                            // Images, audio and files cannot be filtered: refuse rather than let them through.
                            return $"messages[{i}].content[{p}] is not text; only text content can be filtered";
                        }

                        part["text"] = Filter(t);
                    }

                    break;
                default:
                    return $"messages[{i}].content must be a string or an array of parts";
            }

            if (message["tool_calls"] is JsonArray calls)
            {
                foreach (var call in calls)
                {
                    if (call?["function"] is JsonObject function && function["arguments"] is JsonValue args && args.TryGetValue<string>(out var a))
                    {
                        function["arguments"] = Filter(a);
                    }
                }
            }
        }

        return null;
    }

    private static async Task<bool> RelayWholeAsync(HttpContext context, Stream upstreamBody, PlaceholderMap map, CancellationToken cancellationToken)
    {
        JsonNode? completion;
        try
        {
            completion = await JsonNode.ParseAsync(upstreamBody, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return false;
        }

        if (completion is not JsonObject answer || answer["choices"] is not JsonArray choices)
        {
            return false;
        }

        foreach (var choice in choices)
        {
            if (choice?["message"] is JsonObject message)
            {
                RestoreMessage(message, text => PlaceholderRestorer.Restore(text, map));
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Relays server-sent events, restoring the text deltas of each choice (and each tool call's arguments) through
    /// its own <see cref="StreamingRestorer"/>; whatever a restorer holds back is released with the choice's
    /// finishing event, or in an extra event before <c>[DONE]</c>.
    /// </summary>
    private static async Task RelayStreamAsync(HttpContext context, Stream upstreamBody, PlaceholderMap map, CancellationToken cancellationToken)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        var restorers = new Dictionary<string, StreamingRestorer>(StringComparer.Ordinal);
        JsonObject? last = null;
        using var reader = new StreamReader(upstreamBody, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue; // blank separators, comments (": keep-alive"), event names: the events are rebuilt below
            }

            var data = line[5..].Trim();
            if (data == "[DONE]")
            {
                break;
            }

            JsonNode? chunk;
            try
            {
                chunk = JsonNode.Parse(data);
            }
            catch (JsonException)
            {
                // A broken upstream event: end the stream visibly broken rather than relay it.
                context.Abort();
                return;
            }

            if (chunk is JsonObject update && update["choices"] is JsonArray choices)
            {
                last = update;
                foreach (var choice in choices)
                {
                    if (choice is not JsonObject c)
                    {
                        continue;
                    }

                    var index = c["index"]?.ToJsonString() ?? "0";
                    var finished = c["finish_reason"] is JsonValue f && f.GetValueKind() == JsonValueKind.String;
                    var delta = c["delta"] as JsonObject;
                    if (delta is not null)
                    {
                        RestoreDelta(delta, index, restorers, map);
                    }

                    if (finished)
                    {
                        ReleaseHeldBack(c, index, restorers);
                    }
                }
            }

            await WriteEventAsync(context, chunk?.ToJsonString() ?? "null", cancellationToken).ConfigureAwait(false);
        }

        // The upstream ended without finishing some choice: release what is held back in one more event each.
        foreach (var index in restorers.Keys.Select(k => k[..k.IndexOf(':', StringComparison.Ordinal)]).Distinct().ToList())
        {
            var choice = new JsonObject { ["index"] = JsonNode.Parse(index), ["delta"] = new JsonObject(), ["finish_reason"] = null };
            ReleaseHeldBack(choice, index, restorers);
            if (((JsonObject)choice["delta"]!).Count > 0)
            {
                var extra = new JsonObject
                {
                    ["id"] = last?["id"]?.DeepClone(),
                    ["object"] = "chat.completion.chunk",
                    ["created"] = last?["created"]?.DeepClone(),
                    ["model"] = last?["model"]?.DeepClone(),
                    ["choices"] = new JsonArray(choice),
                };
                await WriteEventAsync(context, extra.ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void RestoreDelta(JsonObject delta, string index, Dictionary<string, StreamingRestorer> restorers, PlaceholderMap map)
    {
        if (delta["content"] is JsonValue content && content.TryGetValue<string>(out var text))
        {
            delta["content"] = Restorer(restorers, index + ":content", map).Push(text);
        }

        if (delta["tool_calls"] is JsonArray calls)
        {
            foreach (var call in calls)
            {
                if (call is JsonObject c && c["function"] is JsonObject function && function["arguments"] is JsonValue args && args.TryGetValue<string>(out var a))
                {
                    // Tool-call arguments arrive in pieces too; each call restores separately and releases at the end.
                    var key = $"{index}:tool:{c["index"]?.ToJsonString() ?? "0"}";
                    function["arguments"] = Restorer(restorers, key, map).Push(a);
                }
            }
        }
    }

    private static StreamingRestorer Restorer(Dictionary<string, StreamingRestorer> restorers, string key, PlaceholderMap map)
    {
        if (!restorers.TryGetValue(key, out var restorer))
        {
            restorer = new StreamingRestorer(map);
            restorers[key] = restorer;
        }

        return restorer;
    }

    /// <summary>Adds what the choice's restorers still hold to its finishing event (content and tool-call arguments).</summary>
    private static void ReleaseHeldBack(JsonObject choice, string index, Dictionary<string, StreamingRestorer> restorers)
    {
        foreach (var (key, restorer) in restorers.Where(r => r.Key.StartsWith(index + ":", StringComparison.Ordinal)).ToList())
        {
            restorers.Remove(key);
            var rest = restorer.Complete();
            if (rest.Length == 0)
            {
                continue;
            }

            if (choice["delta"] is not JsonObject delta)
            {
                delta = new JsonObject();
                choice["delta"] = delta;
            }

            if (key.EndsWith(":content", StringComparison.Ordinal))
            {
                delta["content"] = (delta["content"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty) + rest;
            }
            else
            {
                // OpenAI clients concatenate argument pieces by tool-call index.
                if (delta["tool_calls"] is not JsonArray calls)
                {
                    calls = new JsonArray();
                    delta["tool_calls"] = calls;
                }

                calls.Add(new JsonObject
                {
                    ["index"] = JsonNode.Parse(key[(key.LastIndexOf(':') + 1)..]),
                    ["function"] = new JsonObject { ["arguments"] = rest },
                });
            }
        }
    }

    private static void RestoreMessage(JsonObject message, Func<string, string> restore)
    {
        if (message["content"] is JsonValue content && content.TryGetValue<string>(out var text))
        {
            message["content"] = restore(text);
        }

        if (message["tool_calls"] is JsonArray calls)
        {
            foreach (var call in calls)
            {
                if (call?["function"] is JsonObject function && function["arguments"] is JsonValue args && args.TryGetValue<string>(out var a))
                {
                    function["arguments"] = restore(a);
                }
            }
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string json, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync("data: " + json + "\n\n", cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task Problem(HttpContext context, int status, string detail) =>
        TypedResults.Problem(statusCode: status, detail: detail).ExecuteAsync(context);

    private static string Bounded(string text, int length)
    {
        var clean = new string(text.Where(c => !char.IsControl(c)).Take(length).ToArray());
        return clean.Length == 0 ? "unspecified" : clean;
    }
}
