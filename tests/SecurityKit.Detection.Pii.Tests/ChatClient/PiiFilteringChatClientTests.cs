using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenAI;
using SecurityKit.Detection.Pii.ChatClient;
using SecurityKit.Detection.Pii.Evaluation;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.Vault;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Pii.Tests.ChatClient;

public sealed class PiiFilteringChatClientTests : IAsyncLifetime
{
    private OpenAiCompatibleServer server = null!;

    public Task InitializeAsync()
    {
        server = OpenAiCompatibleServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private PiiFilteringChatClient Client(PiiFilterOptions? options = null, IPlaceholderVault? vault = null)
    {
        var openAi = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.Endpoint });
        var inner = openAi.GetChatClient("test-model").AsIChatClient();
        vault ??= new PlaceholderVault(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), new byte[32], TimeSpan.FromMinutes(5));
        return new PiiFilteringChatClient(inner, new PiiAnonymizer(PiiDetector.Default), vault, options);
    }

    private static List<LabelledText> CorpusSample()
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Corpus", "pii-corpus.jsonl"));
        return [.. PiiEvaluation.ReadCorpus(reader).Where((_, i) => i % 10 == 0)];
    }

    [Fact]
    public async Task No_corpus_original_reaches_the_model_and_the_user_gets_them_back()
    {
        var client = Client();
        foreach (var item in CorpusSample())
        {
            var detected = PiiDetector.Default.Detect(item.Text);
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, item.Text)], new ChatOptions { ConversationId = item.Id });
            var sent = server.RequestBodies.Last();
            foreach (var e in detected)
            {
                Assert.DoesNotContain(System.Text.Json.JsonSerializer.Serialize(item.Text[e.Start..e.End]).Trim('"'), sent, StringComparison.Ordinal);
            }

            // The server echoes the prompt it received: restored, every original is back (a person mentioned again by
            // surname only comes back in the fullest form the conversation used) and no placeholder is left.
            foreach (var e in detected)
            {
                Assert.Contains(item.Text[e.Start..e.End], response.Text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("_1>", response.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("unavailable", response.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Streamed_answer_is_restored_although_placeholders_straddle_chunks()
    {
        var client = Client();
        const string prompt = "Mevr. Griet Janssens, IBAN BE71 0961 2345 6769, GSM 0475 12 34 56, woont Kerkstraat 12, 9000 Gent.";
        var parts = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { ConversationId = "stream-1" }))
        {
            parts.Add(update.Text);
        }

        Assert.DoesNotContain("Janssens", server.RequestBodies.Last(), StringComparison.Ordinal);
        Assert.Equal(prompt, string.Concat(parts));
    }

    [Fact]
    public async Task Model_paraphrase_of_a_placeholder_is_restored()
    {
        server.Responder = _ => "Bien sûr, PERSON_1 peut venir ; <person_1> a confirmé.";
        var response = await Client().GetResponseAsync([new ChatMessage(ChatRole.User, "M. Jean Dupont viendra demain.")], new ChatOptions { ConversationId = "p-1" });
        Assert.Equal("Bien sûr, Jean Dupont peut venir ; Jean Dupont a confirmé.", response.Text);
    }

    [Fact]
    public async Task Blocked_type_refuses_the_call_before_anything_is_sent_and_is_audited()
    {
        var audit = new RecordingAuditSink();
        var options = new PiiFilterOptions
        {
            PolicyResolver = _ => ("hr-app", new PiiPolicy { Blocked = new HashSet<PiiEntityType> { PiiEntityType.NationalNumber } }),
            AuditSink = audit,
        };
        await Assert.ThrowsAsync<PiiBlockedException>(() => Client(options).GetResponseAsync([new ChatMessage(ChatRole.User, "NISS 85073003328")]));
        Assert.Empty(server.RequestBodies);
        var e = Assert.Single(audit.Events);
        Assert.True(e.Blocked);
        Assert.Equal("hr-app", e.Caller);
    }

    [Fact]
    public async Task Audit_event_counts_types_and_holds_no_value()
    {
        var audit = new RecordingAuditSink();
        await Client(new PiiFilterOptions { AuditSink = audit }).GetResponseAsync([new ChatMessage(ChatRole.User, "Dhr. Jan Peeters, 0475 12 34 56, jan.peeters@telenet.be")]);
        var e = Assert.Single(audit.Events);
        Assert.Equal(1, e.Replaced[PiiEntityType.Person]);
        Assert.Equal(1, e.Replaced[PiiEntityType.Phone]);
        Assert.Equal(1, e.Replaced[PiiEntityType.Email]);
        Assert.DoesNotContain("Peeters", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Builder_extension_puts_the_filter_in_the_pipeline()
    {
        var openAi = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.Endpoint });
        var client = openAi.GetChatClient("test-model").AsIChatClient().AsBuilder().UsePiiFilter().Build();
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Mijn INSZ is 85073003328.")]);
        Assert.DoesNotContain("85073003328", server.RequestBodies.Last(), StringComparison.Ordinal);
        Assert.Equal("Mijn INSZ is 85073003328.", response.Text);
    }

    private sealed class RecordingAuditSink : IPiiAuditSink
    {
        public List<PiiAuditEvent> Events { get; } = [];

        public void Record(PiiAuditEvent auditEvent) => Events.Add(auditEvent);
    }
}
