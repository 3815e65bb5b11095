using System.ClientModel;
using System.ComponentModel;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using SecurityKit.Detection.Pii.Operators;
using SecurityKit.Detection.Pii.SemanticKernel;
using SecurityKit.Detection.Pii.Vault;
using SecurityKit.Testing;

namespace SecurityKit.Detection.Pii.Tests.SemanticKernel;

/// <summary>
/// The model calls a tool of the organisation: the tool must get the originals behind the placeholders the model
/// passes, and what the tool returns must reach the model anonymised; the final answer comes back re-identified.
/// </summary>
public sealed partial class PiiAutoFunctionInvocationTests
{
    [Fact]
    public async Task Tool_gets_originals_and_its_result_reaches_the_model_only_as_placeholders()
    {
        // The "model" asks the registry tool about the placeholder it was given for the national number.
        await using var server = OpenAiCompatibleServer.Start();
        server.ToolCall = new OpenAiToolCall("Registry-Lookup", prompt => $"{{\"nationalNumber\":\"{NationalNumberPlaceholder().Match(prompt).Value}\"}}");
        var registry = new Registry();
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("test-model", new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.Endpoint }));
        builder.Plugins.AddFromObject(registry, "Registry");
        var kernel = builder.Build();
        var vault = new PlaceholderVault(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), new byte[32], TimeSpan.FromMinutes(5));
        kernel.UsePiiFilter(new PiiKernelFilter(new PiiAnonymizer(PiiDetector.Default), vault));

        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        var result = await kernel.InvokePromptAsync(
            "Qui est enregistré sous le numéro national 85.07.30-033.28 ?",
            new KernelArguments(settings) { [PiiKernelFilter.ConversationIdArgument] = "sk-tools" });

        Assert.Equal("85.07.30-033.28", registry.AskedFor);
        var bodies = server.RequestBodies.ToList();
        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, b => Assert.DoesNotContain("85.07.30-033.28", b, StringComparison.Ordinal));
        Assert.DoesNotContain("Dubois", bodies[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Station 12", bodies[1], StringComparison.Ordinal);
        Assert.Contains("PERSON_1", bodies[1], StringComparison.Ordinal);
        Assert.Equal(Registry.Answer, result.GetValue<string>());
    }

    [GeneratedRegex("<NATIONAL_NUMBER_[0-9]+>")]
    private static partial Regex NationalNumberPlaceholder();

    private sealed class Registry
    {
        public const string Answer = "Mme Marie Dubois, Rue de la Station 12, 4000 Liège.";

        public string? AskedFor { get; private set; }

        [KernelFunction("Lookup")]
        [Description("Finds the person registered under a national number.")]
        public string Lookup(string nationalNumber)
        {
            AskedFor = nationalNumber;
            return Answer;
        }
    }
}
