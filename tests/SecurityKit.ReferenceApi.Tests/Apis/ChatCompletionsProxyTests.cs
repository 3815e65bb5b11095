using System.Net;
using System.Text;
using System.Text.Json;
using SecurityKit.ReferenceApi.Tests.Infrastructure;
using SecurityKit.Testing;

namespace SecurityKit.ReferenceApi.Tests.Apis;

/// <summary>The API proxying to an OpenAI-compatible server on loopback that records what it receives.</summary>
public sealed class ChatProxyFixture : IAsyncLifetime
{
    public OpenAiCompatibleServer Upstream { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Upstream = OpenAiCompatibleServer.Start();
        Api = new ApiFactory(new Dictionary<string, string?> { ["Api:Llm:Upstream"] = Upstream.Endpoint.ToString() });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}

/// <summary><c>POST /v1/chat/completions</c>: nothing personal reaches the upstream, the answer comes back restored.</summary>
public sealed class ChatCompletionsProxyTests : IClassFixture<ChatProxyFixture>
{
    private const string NationalNumber = "85.07.30-033.28";
    private const string Email = "jan.peeters@example.be";
    private const string Iban = "BE68 5390 0754 7034";
    private static readonly string Prompt = $"Schrijf aan {Email} over rijksregisternummer {NationalNumber} en rekening {Iban}.";
    private readonly ChatProxyFixture fixture;

    public ChatCompletionsProxyTests(ChatProxyFixture fixture) => this.fixture = fixture;

    private HttpClient Client(string scopes = "pii", string subject = "chat-app") =>
        fixture.Api.ClientWithToken(fixture.Api.Credentials.Token(scopes, subject: subject));

    private static StringContent Chat(string prompt, bool stream = false, string model = "gpt-test") => new(
        JsonSerializer.Serialize(new
        {
            model,
            stream,
            temperature = 0.2,
            messages = new object[]
            {
                new { role = "system", content = "Je bent een ambtenaar." },
                new { role = "user", content = new object[] { new { type = "text", text = prompt } } },
            },
        }),
        Encoding.UTF8,
        "application/json");

    private string LastUpstreamBody() => fixture.Upstream.RequestBodies.Last();

    [Fact]
    public async Task Nothing_personal_reaches_the_upstream()
    {
        using var client = Client();
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions", Chat(Prompt + " " + marker));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = fixture.Upstream.RequestBodies.Single(b => b.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(Email, sent, StringComparison.Ordinal);
        Assert.DoesNotContain("85.07.30", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("5390 0754", sent, StringComparison.Ordinal);
        Assert.Contains("EMAIL_1", sent, StringComparison.Ordinal);
        Assert.Contains("NATIONAL_NUMBER_1", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_the_proxy_does_not_filter_reach_the_upstream_unchanged()
    {
        using var client = Client();
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions", Chat("Hallo " + marker, model: "model-" + marker));

        response.EnsureSuccessStatusCode();
        using var sent = JsonDocument.Parse(fixture.Upstream.RequestBodies.Single(b => b.Contains(marker, StringComparison.Ordinal)));
        Assert.Equal("model-" + marker, sent.RootElement.GetProperty("model").GetString());
        Assert.Equal(0.2, sent.RootElement.GetProperty("temperature").GetDouble());
        Assert.Equal("Je bent een ambtenaar.", sent.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    private static StringContent Messages(params object[] messages) => new(
        JsonSerializer.Serialize(new { model = "gpt-test", messages }), Encoding.UTF8, "application/json");

    private static async Task<(string ConversationId, string Content)> TurnAsync(HttpClient client, StringContent body, string? conversationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = body };
        if (conversationId is not null)
        {
            request.Headers.Add("X-Conversation-Id", conversationId);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return (
            Assert.Single(response.Headers.GetValues("X-Conversation-Id")),
            json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
    }

    /// <summary>The first body the upstream received with the marker (later turns repeat the history).</summary>
    private string UpstreamBodyWith(string marker) => fixture.Upstream.RequestBodies.First(b => b.Contains(marker, StringComparison.Ordinal));

    /// <summary>The string contents of the messages of that body, JSON escapes decoded.</summary>
    private string UpstreamContentsWith(string marker)
    {
        using var body = JsonDocument.Parse(UpstreamBodyWith(marker));
        return string.Join("\n", body.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("content")).Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()));
    }

    [Fact]
    public async Task Placeholders_stay_the_same_across_the_turns_of_a_conversation()
    {
        using var client = Client(subject: "chat-turns");
        const string Other = "els.maes@example.be";
        var first = Guid.NewGuid().ToString("N");
        var second = Guid.NewGuid().ToString("N");

        var (id, _) = await TurnAsync(client, Messages(new { role = "user", content = $"Mail {Email} {first}" }));
        var (sameId, _) = await TurnAsync(
            client,
            Messages(
                new { role = "user", content = $"Mail {Email} {first}" },
                new { role = "assistant", content = "Goed." },
                new { role = "user", content = $"Nu {Other} en opnieuw {Email} {second}" }),
            id);

        Assert.Equal(id, sameId);
        var turn1 = UpstreamContentsWith(first);
        var turn2 = UpstreamContentsWith(second);
        Assert.DoesNotContain(Email, turn1, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, turn2, StringComparison.Ordinal);
        Assert.DoesNotContain(Other, turn2, StringComparison.Ordinal);
        Assert.Contains("Mail <EMAIL_1>", turn1, StringComparison.Ordinal);
        Assert.Contains($"Nu <EMAIL_2> en opnieuw <EMAIL_1> {second}", turn2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_answer_naming_an_earlier_turns_placeholder_is_restored()
    {
        using var client = Client(subject: "chat-later");
        var (id, _) = await TurnAsync(client, Messages(new { role = "user", content = $"Onthoud {Email}." }));
        fixture.Upstream.Responder = _ => "Je schreef aan <EMAIL_1>.";
        try
        {
            var (_, answer) = await TurnAsync(client, Messages(new { role = "user", content = "Aan wie schreef ik?" }), id);

            Assert.Equal($"Je schreef aan {Email}.", answer);
        }
        finally
        {
            fixture.Upstream.Responder = prompt => prompt;
        }
    }

    [Fact]
    public async Task Another_caller_using_the_same_conversation_id_gets_none_of_its_originals()
    {
        using var owner = Client(subject: "chat-owner");
        using var intruder = Client(subject: "chat-intruder");
        var (id, _) = await TurnAsync(owner, Messages(new { role = "user", content = $"Onthoud {Email}." }));
        fixture.Upstream.Responder = _ => "Het was <EMAIL_1>.";
        try
        {
            var (_, answer) = await TurnAsync(intruder, Messages(new { role = "user", content = "Wie was het?" }), id);

            Assert.DoesNotContain(Email, answer, StringComparison.Ordinal);
            Assert.Contains("[EMAIL_1: unavailable]", answer, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Upstream.Responder = prompt => prompt;
        }
    }

    [Fact]
    public async Task Names_tool_call_arguments_and_tool_results_are_filtered_too()
    {
        using var client = Client(subject: "chat-tools");
        var marker = Guid.NewGuid().ToString("N");

        await TurnAsync(client, Messages(
            new { role = "user", name = "jan_peeters", content = $"Zoek het dossier op. {marker}" },
            new
            {
                role = "assistant",
                content = (string?)null,
                tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = "lookup", arguments = $"{{\"nn\":\"{NationalNumber}\"}}" } } },
            },
            new { role = "tool", tool_call_id = "call_1", content = $"Dossier van {Email}, rekening {Iban}" },
            new { role = "user", name = "jan_peeters", content = "Vat samen." }));

        var sent = UpstreamBodyWith(marker);
        Assert.DoesNotContain("jan_peeters", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("85.07.30", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, sent, StringComparison.Ordinal);
        Assert.DoesNotContain("5390 0754", sent, StringComparison.Ordinal);
        using var forwarded = JsonDocument.Parse(sent);
        var names = forwarded.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.TryGetProperty("name", out _)).Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(2, names.Count);
        Assert.All(names, n => Assert.Matches("^PERSON_[0-9]+$", n));
        Assert.Equal(names[0], names[1]);
    }

    [Fact]
    public async Task A_streamed_turn_returns_the_conversation_id_and_continues_it()
    {
        using var client = Client(subject: "chat-stream-turns");
        var (id, _) = await TurnAsync(client, Messages(new { role = "user", content = $"Onthoud {Email}." }));
        fixture.Upstream.Responder = _ => "Het adres is <EMAIL_1>.";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Chat("Welk adres?", stream: true) };
            request.Headers.Add("X-Conversation-Id", id);

            using var response = await client.SendAsync(request);

            Assert.Equal(id, Assert.Single(response.Headers.GetValues("X-Conversation-Id")));
            var text = new StringBuilder();
            foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal)))
            {
                using var chunk = JsonDocument.Parse(line[6..]);
                foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
                {
                    if (choice.GetProperty("delta").TryGetProperty("content", out var piece) && piece.ValueKind == JsonValueKind.String)
                    {
                        text.Append(piece.GetString());
                    }
                }
            }

            Assert.Equal($"Het adres is {Email}.", text.ToString());
        }
        finally
        {
            fixture.Upstream.Responder = prompt => prompt;
        }
    }

    [Fact]
    public async Task A_malformed_conversation_id_is_answered_400()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Chat(Prompt) };
        request.Headers.Add("X-Conversation-Id", "../../etc");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_answer_comes_back_with_the_originals_restored()
    {
        using var client = Client();

        using var response = await client.PostAsync("/v1/chat/completions", Chat(Prompt));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("choices")[0].GetProperty("message");
        // The upstream echoes the (filtered) prompt: restored, it is the caller's own prompt again.
        Assert.Equal(Prompt, message.GetProperty("content").GetString());
        Assert.Equal("chat.completion", body.RootElement.GetProperty("object").GetString());
    }

    [Fact]
    public async Task A_streamed_answer_is_restored_even_when_placeholders_straddle_events()
    {
        using var client = Client();

        using var response = await client.PostAsync("/v1/chat/completions", Chat(Prompt, stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", events[^1]);
        var text = new StringBuilder();
        foreach (var e in events[..^1])
        {
            Assert.StartsWith("data: ", e, StringComparison.Ordinal);
            using var chunk = JsonDocument.Parse(e["data: ".Length..]);
            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (choice.GetProperty("delta").TryGetProperty("content", out var content))
                {
                    text.Append(content.GetString());
                }
            }
        }

        Assert.Equal(Prompt, text.ToString());
    }

    [Fact]
    public async Task The_audit_log_records_the_call_by_type_counts_without_the_prompt()
    {
        using var client = Client(subject: "chat-audited");

        using var response = await client.PostAsync("/v1/chat/completions", Chat(Prompt));

        response.EnsureSuccessStatusCode();
        var entry = (await AuditReader.ReadAsync(fixture.Api)).Last(e => e.Actor == "jwt:chat-audited");
        Assert.Equal(("pii.chat", "succeeded"), (entry.Action, entry.Outcome));
        Assert.Contains("EMAIL x1", entry.Resource, StringComparison.Ordinal);
        Assert.Contains("NATIONAL_NUMBER x1", entry.Resource, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, entry.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_content_is_refused_rather_than_forwarded_unfiltered()
    {
        using var client = Client();
        var before = fixture.Upstream.RequestBodies.Count;
        var body = """{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}""";

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, fixture.Upstream.RequestBodies.Count);
    }

    [Theory]
    [InlineData("{\"model\":\"m\"}")]
    [InlineData("{\"messages\":[]}")]
    [InlineData("[1,2]")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":42}]}")]
    public async Task A_request_that_is_not_a_chat_completion_is_answered_400(string body)
    {
        using var client = Client();

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Malformed_JSON_is_answered_400_without_quoting_it()
    {
        using var client = Client();

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent("{\"messages\": [" + Email, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Email, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_without_the_pii_scope_is_refused_with_403()
    {
        using var client = Client(scopes: "pseudonymize");

        using var response = await client.PostAsync("/v1/chat/completions", Chat(Prompt));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_with_401()
    {
        using var client = fixture.Api.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", Chat(Prompt));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>Without an upstream configured the proxy says so, and an unreachable upstream is a 502.</summary>
public sealed class ChatCompletionsUpstreamTests
{
    private static StringContent Chat() => new("""{"model":"m","messages":[{"role":"user","content":"hallo"}]}""", Encoding.UTF8, "application/json");

    [Fact]
    public async Task Without_an_upstream_the_proxy_answers_503()
    {
        using var factory = new ApiFactory();
        using var client = factory.ClientWithToken(factory.Credentials.Token("pii"));

        using var response = await client.PostAsync("/v1/chat/completions", Chat());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unreachable_upstream_is_answered_502()
    {
        // A free port nobody listens on.
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Api:Llm:Upstream"] = $"http://127.0.0.1:{FreePort.Next()}/v1" });
        using var client = factory.ClientWithToken(factory.Credentials.Token("pii"));

        using var response = await client.PostAsync("/v1/chat/completions", Chat());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
