using System.ClientModel;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using OpenAI;
using SecurityKit.Detection.Pii.ChatClient;
using SecurityKit.Detection.Pii.Evaluation;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.SemanticKernel;
using SecurityKit.Detection.Pii.Vault;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Pii.Tests.SemanticKernel;

/// <summary>
/// A real Semantic Kernel with its OpenAI connector pointed at the recording OpenAI-compatible server on loopback:
/// what the server received must hold no detected original, and what the caller gets back must hold them all.
/// </summary>
public sealed class PiiKernelFilterTests : IAsyncLifetime
{
    private const string Prompt = "Mevr. Griet Janssens, IBAN BE71 0961 2345 6769, GSM 0475 12 34 56, woont Kerkstraat 12, 9000 Gent.";
    private OpenAiCompatibleServer server = null!;

    public Task InitializeAsync()
    {
        server = OpenAiCompatibleServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Kernel Kernel(PiiKernelFilterOptions? options = null)
    {
        var openAi = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.Endpoint });
        var builder = Microsoft.SemanticKernel.Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("test-model", openAi);
        var vault = new PlaceholderVault(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), new byte[32], TimeSpan.FromMinutes(5));
        return builder.Build().UsePiiFilter(new PiiKernelFilter(new PiiAnonymizer(PiiDetector.Default), vault, options));
    }

    private static KernelArguments Arguments(string input, string conversation) => new()
    {
        ["input"] = input,
        [PiiKernelFilter.ConversationIdArgument] = conversation,
    };

    [Fact]
    public async Task No_corpus_original_reaches_the_model_through_a_prompt_function_and_the_answer_is_re_identified()
    {
        var kernel = Kernel();
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Corpus", "pii-corpus.jsonl"));
        foreach (var item in PiiEvaluation.ReadCorpus(reader).Where((_, i) => i % 10 == 0))
        {
            var detected = PiiDetector.Default.Detect(item.Text);
            var result = await kernel.InvokePromptAsync("{{$input}}", Arguments(item.Text, item.Id));
            var sent = server.RequestBodies.Last();
            var answer = result.GetValue<string>() ?? string.Empty;
            foreach (var e in detected)
            {
                var original = item.Text[e.Start..e.End];
                Assert.DoesNotContain(System.Text.Json.JsonSerializer.Serialize(original).Trim('"'), sent, StringComparison.Ordinal);
                Assert.True(answer.Contains(original, StringComparison.Ordinal), $"{item.Id}: {answer}");
            }

            Assert.DoesNotContain("unavailable", answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Streamed_prompt_function_answer_is_restored_although_placeholders_straddle_chunks()
    {
        var kernel = Kernel();
        var parts = new List<string>();
        await foreach (var chunk in kernel.InvokePromptStreamingAsync("{{$input}}", Arguments(Prompt, "sk-stream")))
        {
            parts.Add(chunk.ToString());
        }

        Assert.DoesNotContain("Janssens", server.RequestBodies.Last(), StringComparison.Ordinal);
        Assert.Contains("<PERSON_1>", server.RequestBodies.Last(), StringComparison.Ordinal);
        Assert.Equal(Prompt, string.Concat(parts));
    }

    [Fact]
    public async Task Placeholders_survive_the_xml_of_a_chat_prompt()
    {
        var kernel = Kernel();
        var result = await kernel.InvokePromptAsync(
            "<message role=\"system\">Help the citizen.</message><message role=\"user\">{{$input}}</message>", Arguments(Prompt, "sk-chat"));

        var sent = server.RequestBodies.Last();
        Assert.DoesNotContain("Janssens", sent, StringComparison.Ordinal);
        Assert.Contains("PERSON_1", sent, StringComparison.Ordinal);
        Assert.Equal(Prompt, result.GetValue<string>());
    }

    [Fact]
    public async Task A_blocked_type_refuses_the_call_before_anything_is_sent_and_is_audited()
    {
        var sink = new ListSink();
        var kernel = Kernel(new PiiKernelFilterOptions
        {
            PolicyResolver = _ => ("intake", new PiiPolicy { Blocked = new HashSet<PiiEntityType> { PiiEntityType.Iban } }),
            AuditSink = sink,
        });

        await Assert.ThrowsAsync<PiiBlockedException>(() => kernel.InvokePromptAsync("{{$input}}", Arguments(Prompt, "sk-blocked")));
        Assert.Empty(server.RequestBodies);
        var audit = Assert.Single(sink.Events);
        Assert.True(audit.Blocked);
        Assert.Equal("intake", audit.Caller);
    }

    [Fact]
    public async Task The_same_person_keeps_one_placeholder_across_turns_of_a_conversation()
    {
        var kernel = Kernel();
        await kernel.InvokePromptAsync("{{$input}}", Arguments("Dhr. Jan Peeters woont in Gent.", "sk-turns"));
        var second = await kernel.InvokePromptAsync("{{$input}}", Arguments("Schrijf een brief aan J. Peeters.", "sk-turns"));

        var bodies = server.RequestBodies.ToList();
        Assert.Contains("<PERSON_1>", bodies[0], StringComparison.Ordinal);
        Assert.Contains("<PERSON_1>", bodies[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Peeters", bodies[1], StringComparison.Ordinal);
        Assert.Contains("Peeters", second.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_event_counts_replacements_per_type_and_holds_no_value()
    {
        var sink = new ListSink();
        var kernel = Kernel(new PiiKernelFilterOptions { AuditSink = sink });
        await kernel.InvokePromptAsync("{{$input}}", Arguments(Prompt, "sk-audit"));

        var audit = Assert.Single(sink.Events);
        Assert.False(audit.Blocked);
        Assert.Equal(1, audit.Replaced[PiiEntityType.Iban]);
        Assert.Equal(1, audit.Replaced[PiiEntityType.Person]);
        Assert.DoesNotContain("Janssens", audit.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_render_filter_registered_alone_still_keeps_originals_from_the_model()
    {
        var openAi = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.Endpoint });
        var builder = Microsoft.SemanticKernel.Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("test-model", openAi);
        var kernel = builder.Build();
        var vault = new PlaceholderVault(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), new byte[32], TimeSpan.FromMinutes(5));
        kernel.PromptRenderFilters.Add(new PiiKernelFilter(new PiiAnonymizer(PiiDetector.Default), vault));

        await kernel.InvokePromptAsync("{{$input}}", Arguments(Prompt, "sk-alone"));

        Assert.DoesNotContain("Janssens", server.RequestBodies.Last(), StringComparison.Ordinal);
        Assert.DoesNotContain("BE71 0961", server.RequestBodies.Last(), StringComparison.Ordinal);
    }

    private sealed class ListSink : IPiiAuditSink
    {
        public List<PiiAuditEvent> Events { get; } = [];

        public void Record(PiiAuditEvent auditEvent) => Events.Add(auditEvent);
    }
}
